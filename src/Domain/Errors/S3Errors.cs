namespace BleepStore.Domain.Errors;

/// <summary>The S3 error catalogue (spec 50). Messages follow AWS's wording.</summary>
public static class S3Errors
{
    public static readonly S3ErrorCode AccessDenied = new("AccessDenied", 403, "Access Denied");
    public static readonly S3ErrorCode AuthorizationHeaderMalformed = new("AuthorizationHeaderMalformed", 400, "The authorization header is malformed.");
    public static readonly S3ErrorCode AuthorizationQueryParametersError = new("AuthorizationQueryParametersError", 400, "Error parsing the X-Amz-Credential parameter.");
    public static readonly S3ErrorCode AccessControlListNotSupported = new("AccessControlListNotSupported", 400, "The bucket does not allow ACLs");
    /// <summary>A CORS preflight no rule allows (S3 prefixes its messages with <c>CORSResponse: </c>).</summary>
    public static readonly S3ErrorCode AccessForbidden = new("AccessForbidden", 403, "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.");
    public static readonly S3ErrorCode BadRequest = new("BadRequest", 400, "Bad Request");
    public static readonly S3ErrorCode BadDigest = new("BadDigest", 400, "The Content-MD5 you specified did not match what we received.");
    public static readonly S3ErrorCode BucketAlreadyExists = new("BucketAlreadyExists", 409, "The requested bucket name is not available. The bucket namespace is shared by all users of the system. Please select a different name and try again.");
    public static readonly S3ErrorCode BucketAlreadyOwnedByYou = new("BucketAlreadyOwnedByYou", 409, "Your previous request to create the named bucket succeeded and you already own it.");
    public static readonly S3ErrorCode BucketNotEmpty = new("BucketNotEmpty", 409, "The bucket you tried to delete is not empty");
    public static readonly S3ErrorCode EntityTooLarge = new("EntityTooLarge", 400, "Your proposed upload exceeds the maximum allowed size");
    public static readonly S3ErrorCode EntityTooSmall = new("EntityTooSmall", 400, "Your proposed upload is smaller than the minimum allowed object size.");
    public static readonly S3ErrorCode ExpiredToken = new("ExpiredToken", 400, "The provided token has expired.");
    public static readonly S3ErrorCode IllegalLocationConstraintException = new("IllegalLocationConstraintException", 400, "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.");
    public static readonly S3ErrorCode IncompleteBody = new("IncompleteBody", 400, "You did not provide the number of bytes specified by the Content-Length HTTP header.");
    public static readonly S3ErrorCode IncorrectNumberOfFilesInPostRequest = new("IncorrectNumberOfFilesInPostRequest", 400, "POST requires exactly one file upload per request.");
    public static readonly S3ErrorCode InvalidAccessKeyId = new("InvalidAccessKeyId", 403, "The AWS Access Key Id you provided does not exist in our records.");
    public static readonly S3ErrorCode InvalidArgument = new("InvalidArgument", 400, "Invalid Argument");
    public static readonly S3ErrorCode InvalidBucketAclWithObjectOwnership = new("InvalidBucketAclWithObjectOwnership", 400, "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
    public static readonly S3ErrorCode InvalidBucketName = new("InvalidBucketName", 400, "The specified bucket is not valid.");
    public static readonly S3ErrorCode InvalidDigest = new("InvalidDigest", 400, "The Content-MD5 you specified is not valid.");
    public static readonly S3ErrorCode InvalidLocationConstraint = new("InvalidLocationConstraint", 400, "The specified location-constraint is not valid");
    public static readonly S3ErrorCode InvalidObjectState = new("InvalidObjectState", 403, "The operation is not valid for the object's storage class.");
    public static readonly S3ErrorCode InvalidPolicyDocument = new("InvalidPolicyDocument", 400, "The content of the form does not meet the conditions specified in the policy document.");
    public static readonly S3ErrorCode InvalidPart = new("InvalidPart", 400, "One or more of the specified parts could not be found. The part might not have been uploaded, or the specified entity tag might not have matched the part's entity tag.");
    public static readonly S3ErrorCode InvalidPartOrder = new("InvalidPartOrder", 400, "The list of parts was not in ascending order. The parts list must be specified in order by part number.");
    public static readonly S3ErrorCode InvalidPartNumber = new("InvalidPartNumber", 416, "The requested partnumber is not satisfiable");
    public static readonly S3ErrorCode InvalidRange = new("InvalidRange", 416, "The requested range is not satisfiable");
    public static readonly S3ErrorCode InvalidTag = new("InvalidTag", 400, "The tag provided was not a valid tag. This error can occur if the tag did not pass input validation.");
    public static readonly S3ErrorCode InvalidStorageClass = new("InvalidStorageClass", 400, "The storage class you specified is not valid");
    public static readonly S3ErrorCode InvalidRequest = new("InvalidRequest", 400, "Invalid Request");
    public static readonly S3ErrorCode KeyTooLongError = new("KeyTooLongError", 400, "Your key is too long");
    public static readonly S3ErrorCode MalformedACLError = new("MalformedACLError", 400, "The XML you provided was not well-formed or did not validate against our published schema.");
    public static readonly S3ErrorCode MalformedPOSTRequest = new("MalformedPOSTRequest", 400, "The body of your POST request is not well-formed multipart/form-data.");
    public static readonly S3ErrorCode MalformedXML = new("MalformedXML", 400, "The XML you provided was not well-formed or did not validate against our published schema.");
    public static readonly S3ErrorCode MaxPostPreDataLengthExceededError = new("MaxPostPreDataLengthExceededError", 400, "Your POST request fields preceding the upload file were too large.");
    public static readonly S3ErrorCode MetadataTooLarge = new("MetadataTooLarge", 400, "Your metadata headers exceed the maximum allowed metadata size.");
    public static readonly S3ErrorCode MethodNotAllowed = new("MethodNotAllowed", 405, "The specified method is not allowed against this resource.");
    public static readonly S3ErrorCode MissingContentLength = new("MissingContentLength", 411, "You must provide the Content-Length HTTP header.");
    public static readonly S3ErrorCode MissingSecurityHeader = new("MissingSecurityHeader", 400, "Your request was missing a required header");
    public static readonly S3ErrorCode MissingRequestBodyError = new("MissingRequestBodyError", 400, "Request Body is empty");
    public static readonly S3ErrorCode NoSuchBucket = new("NoSuchBucket", 404, "The specified bucket does not exist");
    public static readonly S3ErrorCode NoSuchKey = new("NoSuchKey", 404, "The specified key does not exist.");
    public static readonly S3ErrorCode NoSuchCORSConfiguration = new("NoSuchCORSConfiguration", 404, "The CORS configuration does not exist");
    public static readonly S3ErrorCode NoSuchTagSet = new("NoSuchTagSet", 404, "The TagSet does not exist");
    public static readonly S3ErrorCode NoSuchUpload = new("NoSuchUpload", 404, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.");
    public static readonly S3ErrorCode NoSuchVersion = new("NoSuchVersion", 404, "The specified version does not exist.");
    public static readonly S3ErrorCode OwnershipControlsNotFoundError = new("OwnershipControlsNotFoundError", 404, "The bucket ownership controls were not found");
    public static readonly S3ErrorCode PreconditionFailed = new("PreconditionFailed", 412, "At least one of the pre-conditions you specified did not hold");
    public static readonly S3ErrorCode RequestTimeout = new("RequestTimeout", 400, "Your socket connection to the server was not read from or written to within the timeout period.");
    public static readonly S3ErrorCode RequestTimeTooSkewed = new("RequestTimeTooSkewed", 403, "The difference between the request time and the current time is too large.");
    public static readonly S3ErrorCode SignatureDoesNotMatch = new("SignatureDoesNotMatch", 403, "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    public static readonly S3ErrorCode TooManyBuckets = new("TooManyBuckets", 400, "You have attempted to create more buckets than allowed");
    public static readonly S3ErrorCode UnresolvableGrantByEmailAddress = new("UnresolvableGrantByEmailAddress", 400, "The e-mail address you provided does not match any account on record.");
    public static readonly S3ErrorCode XAmzContentSHA256Mismatch = new("XAmzContentSHA256Mismatch", 400, "The provided 'x-amz-content-sha256' header does not match what was computed.");
    public static readonly S3ErrorCode InternalError = new("InternalError", 500, "We encountered an internal error. Please try again.");
    public static readonly S3ErrorCode NotImplemented = new("NotImplemented", 501, "A header you provided implies functionality that is not implemented");
    public static readonly S3ErrorCode ServiceUnavailable = new("ServiceUnavailable", 503, "Reduce your request rate.");
    public static readonly S3ErrorCode SlowDown = new("SlowDown", 503, "Please reduce your request rate.");
    public static readonly S3ErrorCode PermanentRedirect = new("PermanentRedirect", 301, "The bucket you are attempting to access must be addressed using the specified endpoint. Please send all future requests to this endpoint.");
    public static readonly S3ErrorCode TemporaryRedirect = new("TemporaryRedirect", 307, "Please re-send this request to the specified temporary endpoint. Continue to use the original request endpoint for future requests.");
}
