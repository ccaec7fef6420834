using BleepStore.Api.Configuration;

namespace BleepStore.Api.Tests.Configuration;

public sealed class CommandLineOptionsTests
{
    [Fact]
    public void Parse_EveryFlag_BothForms()
    {
        var o = CommandLineOptions.Parse(["--config=c.yaml", "--host", "::1", "--port=81", "--log-level", "WARNING", "--log-format", "json", "--max-object-size=10", "--shutdown-timeout", "0"]);

        Assert.Equal("c.yaml", o.ConfigPath);
        Assert.Equal("::1", o.Host);
        Assert.Equal(81, o.Port);
        Assert.Equal(LogLevelName.Warn, o.LogLevel);
        Assert.Equal(LogFormat.Json, o.LogFormat);
        Assert.Equal(10, o.MaxObjectSize);
        Assert.Equal(0, o.ShutdownTimeoutSeconds);
    }

    [Theory]
    [InlineData("0.0.0.0:9000", "0.0.0.0", 9000)]
    [InlineData("localhost:80", "localhost", 80)]
    [InlineData("[::]:9001", "::", 9001)]
    public void Parse_Bind_SplitsHostAndPort(string bind, string host, int port)
    {
        var o = CommandLineOptions.Parse(["--bind", bind]);

        Assert.Equal(host, o.Host);
        Assert.Equal(port, o.Port);
    }

    [Fact]
    public void Parse_LaterFlagWins()
    {
        var o = CommandLineOptions.Parse(["--bind", "1.2.3.4:10", "--port", "11"]);

        Assert.Equal("1.2.3.4", o.Host);
        Assert.Equal(11, o.Port);
    }

    [Theory]
    [InlineData("trace")]
    [InlineData("critical")]
    [InlineData("Info")]
    public void Parse_LogLevel_AcceptsExtraNamesCaseInsensitively(string level) =>
        Assert.NotNull(CommandLineOptions.Parse(["--log-level", level]).LogLevel);

    [Fact]
    public void Parse_UnknownArguments_AreLeftToTheHost()
    {
        var o = CommandLineOptions.Parse(["--environment=Development", "--urls", "http://x", "positional", "--contentRoot=/tmp"]);

        Assert.Null(o.Port);
        Assert.Null(o.ConfigPath);
    }

    [Fact]
    public void Parse_Help_IsRecognised() => Assert.True(CommandLineOptions.Parse(["--help"]).ShowHelp);

    [Theory]
    [InlineData("--port", "abc", "--port: 'abc' is not a port number")]
    [InlineData("--bind", "nohost", "--bind: 'nohost' is not HOST:PORT")]
    [InlineData("--bind", "h:x", "--bind: 'x' is not a port number")]
    [InlineData("--log-level", "loud", "--log-level: 'loud'")]
    [InlineData("--log-format", "xml", "--log-format: 'xml'")]
    [InlineData("--max-object-size", "-5", "--max-object-size: '-5'")]
    [InlineData("--shutdown-timeout", "x", "--shutdown-timeout: 'x'")]
    [InlineData("--host", " ", "--host: must not be empty")]
    public void Parse_BadValue_NamesTheFlag(string flag, string value, string expectedStart)
    {
        var e = Assert.Throws<ConfigException>(() => CommandLineOptions.Parse([flag, value]));

        Assert.StartsWith(expectedStart, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingValue_NamesTheFlag()
    {
        var e = Assert.Throws<ConfigException>(() => CommandLineOptions.Parse(["--port"]));

        Assert.Equal("--port: missing value", e.Message);
    }
}
