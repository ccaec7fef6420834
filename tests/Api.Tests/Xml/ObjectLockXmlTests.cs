using System.Text;
using BleepStore.Api.Xml;
using BleepStore.Domain.Buckets;
using BleepStore.Domain.Errors;
using BleepStore.Domain.Objects;
using static BleepStore.Api.Tests.Support.XmlRender;

namespace BleepStore.Api.Tests.Xml;

public sealed class ObjectLockXmlTests
{
    private const string S3 = "xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"";

    private static PooledBufferStream Body(string xml)
    {
        var buffer = new PooledBufferStream();
        buffer.Write(Encoding.UTF8.GetBytes(xml));
        return buffer;
    }

    [Fact]
    public void ParseConfiguration_EnabledWithDaysOrYearsOrNoRule()
    {
        Assert.Equal(ObjectLockConfiguration.EnabledWithoutRule,
            ObjectLockXml.ParseConfiguration(Body($"<ObjectLockConfiguration {S3}><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>")));
        Assert.Equal(new ObjectLockConfiguration(new DefaultRetention("GOVERNANCE", 3, null)), ObjectLockXml.ParseConfiguration(Body(
            $"<ObjectLockConfiguration {S3}><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>3</Days></DefaultRetention></Rule></ObjectLockConfiguration>")));
        Assert.Equal(new ObjectLockConfiguration(new DefaultRetention("COMPLIANCE", null, 2)), ObjectLockXml.ParseConfiguration(Body(
            "<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Years>2</Years><Mode>COMPLIANCE</Mode></DefaultRetention></Rule></ObjectLockConfiguration>")));
    }

    [Theory]
    [InlineData("<ObjectLockConfiguration/>", "MalformedXML")]
    [InlineData("<ObjectLockConfiguration><ObjectLockEnabled>Disabled</ObjectLockEnabled></ObjectLockConfiguration>", "MalformedXML")]
    [InlineData("<VersioningConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled></VersioningConfiguration>", "MalformedXML")]
    [InlineData("<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule/></ObjectLockConfiguration>", "MalformedXML")]
    [InlineData("<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode></DefaultRetention></Rule></ObjectLockConfiguration>", "MalformedXML")]
    [InlineData("<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>1</Days><Years>1</Years></DefaultRetention></Rule></ObjectLockConfiguration>", "MalformedXML")]
    [InlineData("<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>governance</Mode><Days>1</Days></DefaultRetention></Rule></ObjectLockConfiguration>", "MalformedXML")]
    [InlineData("<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>0</Days></DefaultRetention></Rule></ObjectLockConfiguration>", "InvalidArgument")]
    [InlineData("<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>x</Days></DefaultRetention></Rule></ObjectLockConfiguration>", "InvalidArgument")]
    [InlineData("<ObjectLockConfiguration><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Years>101</Years></DefaultRetention></Rule></ObjectLockConfiguration>", "InvalidArgument")]
    public void ParseConfiguration_Invalid_S3Error(string xml, string code) =>
        Assert.Equal(code, Assert.Throws<S3Exception>(() => ObjectLockXml.ParseConfiguration(Body(xml))).Error.Code);

    [Fact]
    public void ParseRetention_BothOrNeither()
    {
        var parsed = ObjectLockXml.ParseRetention(Body($"<Retention {S3}><Mode>COMPLIANCE</Mode><RetainUntilDate>2030-01-02T03:04:05.678Z</RetainUntilDate></Retention>"));
        Assert.Equal(new ObjectRetention("COMPLIANCE", new DateTimeOffset(2030, 1, 2, 3, 4, 5, 678, TimeSpan.Zero)), parsed);
        Assert.Null(ObjectLockXml.ParseRetention(Body("<Retention/>")));
    }

    [Theory]
    [InlineData("<Retention><Mode>COMPLIANCE</Mode></Retention>")]
    [InlineData("<Retention><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></Retention>")]
    [InlineData("<Retention><Mode>LOCKED</Mode><RetainUntilDate>2030-01-01T00:00:00Z</RetainUntilDate></Retention>")]
    [InlineData("<Retention><Mode>GOVERNANCE</Mode><RetainUntilDate>2030-01-01</RetainUntilDate></Retention>")]
    [InlineData("<LegalHold><Status>ON</Status></LegalHold>")]
    public void ParseRetention_Invalid_MalformedXml(string xml) =>
        Assert.Equal("MalformedXML", Assert.Throws<S3Exception>(() => ObjectLockXml.ParseRetention(Body(xml))).Error.Code);

    [Theory]
    [InlineData("<LegalHold><Status>ON</Status></LegalHold>", true)]
    [InlineData("<LegalHold xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\"><Status>OFF</Status></LegalHold>", false)]
    public void ParseLegalHold_OnOff(string xml, bool expected) => Assert.Equal(expected, ObjectLockXml.ParseLegalHold(Body(xml)));

    [Theory]
    [InlineData("<LegalHold><Status>on</Status></LegalHold>")]
    [InlineData("<LegalHold/>")]
    [InlineData("<Retention><Status>ON</Status></Retention>")]
    public void ParseLegalHold_Invalid_MalformedXml(string xml) =>
        Assert.Equal("MalformedXML", Assert.Throws<S3Exception>(() => ObjectLockXml.ParseLegalHold(Body(xml))).Error.Code);

    [Fact]
    public void Writers_AsS3AnswersThem()
    {
        Assert.Equal(
            $"<ObjectLockConfiguration {S3}><ObjectLockEnabled>Enabled</ObjectLockEnabled><Rule><DefaultRetention><Mode>GOVERNANCE</Mode><Days>3</Days></DefaultRetention></Rule></ObjectLockConfiguration>",
            Strip(Render(new ObjectLockConfiguration(new DefaultRetention("GOVERNANCE", 3, null)), ObjectLockXml.Configuration)));
        Assert.Equal($"<ObjectLockConfiguration {S3}><ObjectLockEnabled>Enabled</ObjectLockEnabled></ObjectLockConfiguration>",
            Strip(Render(ObjectLockConfiguration.EnabledWithoutRule, ObjectLockXml.Configuration)));
        Assert.Equal($"<Retention {S3}><Mode>COMPLIANCE</Mode><RetainUntilDate>2030-01-02T03:04:05.000Z</RetainUntilDate></Retention>",
            Strip(Render(new ObjectRetention("COMPLIANCE", new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero)), ObjectLockXml.Retention)));
        Assert.Equal($"<LegalHold {S3}><Status>OFF</Status></LegalHold>", Strip(Render(false, ObjectLockXml.LegalHold)));

        static string Strip(string xml) => xml.Contains("?>", StringComparison.Ordinal) ? xml[(xml.IndexOf("?>", StringComparison.Ordinal) + 2)..].TrimStart('\n') : xml;
    }
}
