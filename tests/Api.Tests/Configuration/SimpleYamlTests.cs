using System.Text;
using BleepStore.Api.Configuration;

namespace BleepStore.Api.Tests.Configuration;

/// <summary>
/// The start-up YAML reader accepts only text it reads exactly as YamlDotNet does, and declines the rest
/// (which YamlDotNet then reads, errors included).
/// </summary>
public sealed class SimpleYamlTests
{
    public static TheoryData<string> Accepted => new()
    {
        // docs/configuration.md's example
        """
        server:
          host: 127.0.0.1
          port: 9000
          region: us-east-1
        auth:
          access_key: bleepstore
          secret_key: bleepstore-secret
          credentials:
            - access_key: alice
              secret_key: alice-secret
              display_name: Alice
        metadata:
          sqlite:
            path: ./data/metadata.db
        storage:
          backend: local
          local:
            root_dir: ./data/objects
        logging:
          level: info
          format: text
        """,
        // scripts/bench/load.sh's file
        "server:\n  host: 127.0.0.1\n  port: 41234\nauth:\n  access_key: bench-key\n  secret_key: bench-secret-key\nlogging:\n  level: warn\nmetadata:\n  sqlite:\n    path: /tmp/x/metadata.db\nstorage:\n  local:\n    root_dir: /tmp/x/objects\n",
        // the API tests' file: every value single-quoted
        "auth:\n  access_key: 'test-access'\n  secret_key: 'it''s secret'\nserver:\n  domain: 's3.test.local'\n  port: '0'\n",
        "",
        "\n\n# only a comment\n",
        "# leading comment\nserver:   # trailing comment\n  port: 9000 # the port\n\n  host: \"0.0.0.0\"   # quoted\n",
        "server:\n  port:\n  region: ~\nauth:\n",
        "server:\n  region: null\n  host: ''\n  domain: \"\"\n",
        "server:\n  domain:\n    - s3.example.com\n    - .localhost\n",
        "auth:\n  credentials:\n  # a comment between\n    -   access_key: a\n        secret_key: b\n    - access_key: c\n      secret_key: 'd e'\n",
        "auth:\n  credentials:\n    - just-a-string\n",
        "server:\n  port: -1\n  max_object_size: +5\n  host: a:9000\n  region: eu west 1\n",
        "metadata:\n  sqlite:\n    path: /var/lib/bleep store/m.db\n    extra:\n      deeper: x\nfoo: bar\n",
        "observability:\n  health_check: no\n  metrics: 'false'\n",
        "server:\n  shutdown_timeout: 5\n  log_level: warn\n",
        "auth:\n  secret_key: '#not-a-comment'\n",
        "server: 5\n",
    };

    public static TheoryData<string> Declined => new()
    {
        "server:\n  domain: [S3.Example.com, .localhost]\n",
        "server:\n  domain: {x: 1}\n",
        "- a\n- b\n",
        "server:\n  port: 1\n   host: x\n",
        "server: [\n",
        "server:\n\tport: 1\n",
        "server:\r\n  port: 1\r\n",
        "---\nserver:\n  port: 1\n",
        "server:\n  port: &p 1\n  other: *p\n",
        "server:\n  port: !!int 1\n",
        "server:\n  region: |\n    eu\n",
        "server:\n  region: eu\n    west\n",
        "server:\n  region: \"eu\\twest\"\n",
        "server:\n  region: 'unterminated\n    more'\n",
        "server:\n  port: 1\n  port: 2\n",
        "server:\n  host: a: b\n",
        "server:\n  host: a#b\n",
        "auth:\n  secret_key: 'a'b\n",
        "  server:\n    port: 1\n",
        "auth:\n  credentials:\n  - access_key: a\n",
        "auth:\n  credentials:\n    -\n      access_key: a\n",
        "\"server\":\n  port: 1\n",
        "server:\n  région: x\n",
        "%YAML 1.2\n---\nserver: {}\n",
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void Accepted_ReadsExactlyAsYamlDotNet(string yaml)
    {
        Assert.True(SimpleYaml.TryParse(yaml, out var simple));
        Assert.Equal(Dump(YamlValues.ParseWithYamlDotNet(yaml, "t.yaml")), Dump(simple));
    }

    [Theory]
    [MemberData(nameof(Declined))]
    public void Declined_LeftToYamlDotNet(string yaml) => Assert.False(SimpleYaml.TryParse(yaml, out _));

    [Fact]
    public void Declined_StillReadByYamlDotNet()
    {
        var config = ConfigLoader.Parse("server:\n  domain: [S3.Example.com, .localhost]\n  port: &p 9100\n", "/tmp");

        Assert.Equal(9100, config.Server.Port);
        Assert.Equal(["s3.example.com", "localhost"], config.Server.Domains);
    }

    private static string Dump(YamlNodeValue? node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(YamlNodeValue? node, StringBuilder text)
    {
        switch (node)
        {
            case null:
                text.Append("(empty)");
                break;
            case YamlScalarValue s:
                text.Append(s.Quoted ? "q" : "p").Append('<').Append(s.Value ?? "(null)").Append('>');
                break;
            case YamlSequenceValue q:
                text.Append('[');
                foreach (var item in q.Items)
                {
                    Write(item, text);
                    text.Append(',');
                }

                text.Append(']');
                break;
            case YamlMappingValue m:
                text.Append('{');
                foreach (var (key, value) in m.Entries)
                {
                    text.Append(key).Append('=');
                    Write(value, text);
                    text.Append(';');
                }

                text.Append('}');
                break;
        }
    }
}
