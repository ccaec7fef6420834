using System.Text;
using BleepStore.Api.Xml;
using BleepStore.Domain.Access;
using BleepStore.Domain.Errors;

namespace BleepStore.Api.Tests.Xml;

public sealed class RequestXmlTests
{
    [Theory]
    [InlineData("<CreateBucketConfiguration xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>", "eu-west-1")]
    [InlineData("<CreateBucketConfiguration><LocationConstraint> us-west-2 </LocationConstraint></CreateBucketConfiguration>", "us-west-2")]
    [InlineData("<?xml version=\"1.0\"?><CreateBucketConfiguration><LocationConstraint/></CreateBucketConfiguration>", null)]
    [InlineData("<CreateBucketConfiguration/>", null)]
    public void LocationConstraint_WithOrWithoutNamespace(string xml, string? expected)
    {
        using var body = Body(xml);

        Assert.Equal(expected, RequestXml.LocationConstraint(body));
    }

    [Theory]
    [InlineData("<CreateBucketConfiguration><LocationConstraint>x</Location")]
    [InlineData("not xml")]
    [InlineData("<Other/>")]
    [InlineData("<!DOCTYPE x [<!ENTITY e \"boom\">]><CreateBucketConfiguration/>")]
    public void LocationConstraint_Unparsable_IsMalformedXml(string xml)
    {
        using var body = Body(xml);

        var e = Assert.Throws<S3Exception>(() => RequestXml.LocationConstraint(body));
        Assert.Equal("MalformedXML", e.Error.Code);
    }

    [Fact]
    public void AccessControlPolicy_ParsesOwnerAndGrantees()
    {
        const string xml = """
            <AccessControlPolicy xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Owner><ID>o</ID><DisplayName>Owner</DisplayName></Owner>
              <AccessControlList>
                <Grant>
                  <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="CanonicalUser"><ID>u1</ID><DisplayName>U</DisplayName></Grantee>
                  <Permission>FULL_CONTROL</Permission>
                </Grant>
                <Grant>
                  <Grantee xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="Group"><URI>http://acs.amazonaws.com/groups/global/AllUsers</URI></Grantee>
                  <Permission>READ</Permission>
                </Grant>
                <Grant>
                  <Grantee><URI>http://acs.amazonaws.com/groups/global/AuthenticatedUsers</URI></Grantee>
                  <Permission>WRITE_ACP</Permission>
                </Grant>
              </AccessControlList>
            </AccessControlPolicy>
            """;
        using var body = Body(xml);

        var acl = RequestXml.AccessControlPolicy(body)!;

        Assert.Equal(new Owner("o", "Owner"), acl.Owner);
        Assert.Equal(3, acl.Grants.Count);
        Assert.Equal(new Grant(Grantee.User("u1", "U"), Permission.FullControl), acl.Grants[0]);
        Assert.Equal(new Grant(Grantee.Group(Grantee.AllUsersUri), Permission.Read), acl.Grants[1]);
        Assert.Equal(new Grant(Grantee.Group(Grantee.AuthenticatedUsersUri), Permission.WriteAcp), acl.Grants[2]);
    }

    [Theory]
    [InlineData("xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"AmazonCustomerByEmail\"")]
    [InlineData("")]
    public void AccessControlPolicy_GrantByEmail_IsUnresolvable(string typeAttribute)
    {
        using var body = Body($"<AccessControlPolicy><AccessControlList><Grant><Grantee {typeAttribute}><EmailAddress>a@b.c</EmailAddress></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>");

        var e = Assert.Throws<S3Exception>(() => RequestXml.AccessControlPolicy(body));

        Assert.Equal(("UnresolvableGrantByEmailAddress", 400), (e.Error.Code, e.Error.HttpStatus));
    }

    [Theory]
    [InlineData("<AccessControlPolicy><AccessControlList><Grant><Grantee><ID>u</ID></Grantee><Permission>EVERYTHING</Permission></Grant></AccessControlList></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList><Grant><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList><Grant><Grantee xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xsi:type=\"Group\"><ID>u</ID></Grantee><Permission>READ</Permission></Grant></AccessControlList></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy><AccessControlList><Other/></AccessControlList></AccessControlPolicy>")]
    [InlineData("<AccessControlPolicy>")]
    [InlineData("<CreateBucketConfiguration/>")]
    public void AccessControlPolicy_Bad_IsMalformedAclError(string xml)
    {
        using var body = Body(xml);

        var e = Assert.Throws<S3Exception>(() => RequestXml.AccessControlPolicy(body));
        Assert.Equal("MalformedACLError", e.Error.Code);
    }

    [Fact]
    public void EmptyBodies_MeanNoDocument()
    {
        Assert.Null(RequestXml.LocationConstraint(null));
        Assert.Null(RequestXml.AccessControlPolicy(null));
        Assert.Empty(RequestXml.Delete(null).Objects);
        Assert.Empty(RequestXml.CompleteMultipartUpload(null));
    }

    [Fact]
    public void Delete_ParsesQuietKeysAndVersions_KeepingKeysVerbatim()
    {
        const string xml = """
            <Delete xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Quiet> TRUE </Quiet>
              <Object><Key>a/b.txt</Key></Object>
              <Object><Key> </Key><VersionId>null</VersionId></Object>
              <Object><Key>  spaced&#xD;key  </Key></Object>
            </Delete>
            """;
        using var body = Body(xml);

        var document = RequestXml.Delete(body);

        Assert.True(document.Quiet);
        Assert.Equal(["a/b.txt", " ", "  spaced\rkey  "], document.Objects.Select(o => o.Key));
        Assert.Equal([null, "null", null], document.Objects.Select(o => o.VersionId));
    }

    [Fact]
    public void Delete_WithoutNamespace_AndNotQuiet()
    {
        using var body = Body("<Delete><Object><Key>k</Key></Object></Delete>");

        var document = RequestXml.Delete(body);

        Assert.False(document.Quiet);
        Assert.Equal("k", Assert.Single(document.Objects).Key);
    }

    [Theory]
    [InlineData("<Delete><Object><VersionId>1</VersionId></Object></Delete>")]
    [InlineData("<Delete><Object><Key>k</Key>")]
    [InlineData("<Other><Object><Key>k</Key></Object></Other>")]
    [InlineData("garbage")]
    public void Delete_Bad_IsMalformedXml(string xml)
    {
        using var body = Body(xml);

        var e = Assert.Throws<S3Exception>(() => RequestXml.Delete(body));
        Assert.Equal("MalformedXML", e.Error.Code);
    }

    [Theory]
    [InlineData("<CompleteMultipartUpload xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Part><PartNumber>1</PartNumber><ETag>\"e1\"</ETag><ChecksumCRC32>AAAAAA==</ChecksumCRC32></Part><Part><ETag>e2</ETag><PartNumber> 3 </PartNumber></Part></CompleteMultipartUpload>")]
    [InlineData("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>\"e1\"</ETag></Part><Extra/><Part><PartNumber>3</PartNumber><ETag>e2</ETag></Part></CompleteMultipartUpload>")]
    public void CompleteMultipartUpload_PartsInDocumentOrder_NamespaceOptional(string xml)
    {
        using var body = Body(xml);

        var parts = RequestXml.CompleteMultipartUpload(body);

        Assert.Equal([(1, "\"e1\""), (3, "e2")], parts);
    }

    [Theory]
    [InlineData("<CompleteMultipartUpload><Part><ETag>e</ETag></Part></CompleteMultipartUpload>")]
    [InlineData("<CompleteMultipartUpload><Part><PartNumber>1</PartNumber></Part></CompleteMultipartUpload>")]
    [InlineData("<CompleteMultipartUpload><Part><PartNumber>one</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>")]
    [InlineData("<CompleteMultipartUpload><Part>")]
    [InlineData("<Complete><Part><PartNumber>1</PartNumber><ETag>e</ETag></Part></Complete>")]
    [InlineData("<CompleteMultipartUpload/>")]
    public void CompleteMultipartUpload_Malformed_IsNoParts(string xml)
    {
        using var body = Body(xml);

        Assert.Empty(RequestXml.CompleteMultipartUpload(body));
    }

    [Fact]
    public async Task Parser_ReadsTheWholeStream_ThenParses()
    {
        var parse = RequestXml.Parser(RequestXml.LocationConstraint, 1024);

        Assert.Equal("eu-west-1", await parse(new MemoryStream("<CreateBucketConfiguration><LocationConstraint>eu-west-1</LocationConstraint></CreateBucketConfiguration>"u8.ToArray()), default));
        Assert.Null(await parse(new MemoryStream(), default));
        var e = await Assert.ThrowsAsync<S3Exception>(async () => await parse(new MemoryStream(new byte[2000]), default));
        Assert.Equal("MalformedXML", e.Error.Code);
    }

    [Fact]
    public async Task ReadAsync_EmptyOrWhitespace_IsNull_AndOversizeIsRejected()
    {
        Assert.Null(await XmlBodyReader.ReadAsync(new MemoryStream(), 100, default));
        Assert.Null(await XmlBodyReader.ReadAsync(new MemoryStream(" \r\n"u8.ToArray()), 100, default));
        var e = await Assert.ThrowsAsync<S3Exception>(() => XmlBodyReader.ReadAsync(new MemoryStream(new byte[101]), 100, default));
        Assert.Equal("MalformedXML", e.Error.Code);
    }

    private static PooledBufferStream Body(string xml)
    {
        var buffer = new PooledBufferStream();
        buffer.Write(Encoding.UTF8.GetBytes(xml));
        return buffer;
    }
}
