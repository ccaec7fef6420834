using BleepStore.Application.Cors.PreflightCors;
using BleepStore.Application.Requests;
using BleepStore.Application.Tests.Validation;

namespace BleepStore.Application.Tests.Cors.PreflightCors;

public sealed class PreflightCorsValidatorTests
{
    private static readonly PreflightCorsValidator Validator = new();

    private static PreflightCorsQuery Query(string? origin, string? method) =>
        new(new S3RequestContext { Authenticated = true }, "b", "k", origin, method, null);

    [Fact]
    public void Validate_OriginAndMethod_Passes() => ValidatorAssert.Passes(Validator, Query("https://a.test", "PUT"));

    [Theory]
    [InlineData(null, "GET")]
    [InlineData("", "GET")]
    [InlineData(null, null)]
    public void Validate_NoOrigin_BadRequestFirst(string? origin, string? method) =>
        ValidatorAssert.Fails(Validator, Query(origin, method), "BadRequest", "Insufficient information. Origin request header needed.");

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Validate_NoRequestMethod_BadRequest(string? method) =>
        ValidatorAssert.Fails(Validator, Query("https://a.test", method), "BadRequest", "Invalid Access-Control-Request-Method: null");
}
