using BleepStore.Api.Tests.Support;
using BleepStore.Api.Xml;
using BleepStore.Domain.Errors;
using static BleepStore.Api.Tests.Support.XmlRender;

namespace BleepStore.Api.Tests.Xml;

public sealed class ErrorXmlTests
{
    [Fact]
    public void Write_HasNoNamespace_AndOrderCodeMessageResourceDetailsRequestIdHostId()
    {
        var xml = Render(0, (w, _) => ErrorXml.Write(w, S3Errors.NoSuchKey, "The specified key does not exist.", "/b/k",
            [new("Key", "k"), new("BucketName", "b")], "4442587FB7D0A2F9", "aGk="));

        Assert.Equal(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message>" +
            "<Resource>/b/k</Resource><Key>k</Key><BucketName>b</BucketName><RequestId>4442587FB7D0A2F9</RequestId><HostId>aGk=</HostId></Error>",
            xml);
    }

    [Fact]
    public void Write_EscapesAndSanitisesText_AndSkipsDetailsThatAreNotElementNames()
    {
        var xml = Render(0, (w, _) => ErrorXml.Write(w, S3Errors.InvalidArgument, "bad <value> & \u0001", "/b/a&b\u0002",
            [new("ArgumentValue", "x<y"), new("not a name", "v"), new("", "v")], "ID", "H"));

        var root = Parse(xml).Root!;
        Assert.Equal("Error", root.Name.LocalName);
        Assert.Equal("", root.Name.NamespaceName);
        Assert.Equal("bad <value> & \uFFFD", root.Element("Message")!.Value);
        Assert.Equal("/b/a&b\uFFFD", root.Element("Resource")!.Value);
        Assert.Equal("x<y", root.Element("ArgumentValue")!.Value);
        Assert.Equal(6, root.Elements().Count());
    }
}
