using System.Buffers;
using System.Globalization;
using System.Text;

namespace BleepStore.Api.Xml;

/// <summary>
/// The XML writer of every S3 response: UTF-8 straight into a <see cref="PooledBufferStream"/>, with only the
/// operations the document writers need. It replaces System.Xml's XmlWriter, whose assembly costs ~2.5 MiB of
/// resident memory once loaded (the first ListBuckets did it) and whose layered writers are slow on 1000-key pages.
/// Output is byte-for-byte what XmlWriter produced with the former settings (UTF-8 without BOM, no indentation,
/// NewLineHandling.Entitize, CheckCharacters off): <c>&amp; &lt; &gt;</c> escaped in text, plus <c>"</c> in
/// attribute values; <c>\r</c> as <c>&amp;#xD;</c> in text and <c>\r \n \t</c> as references in attribute
/// values (a parser would otherwise normalise them away); other characters XML cannot carry as
/// <c>&amp;#x…;</c>; an element without content as <c>&lt;Name /&gt;</c>; a namespace differing from the one
/// in scope declared as <c>xmlns="…"</c> after the element's own attributes. Names are written as given:
/// they are constants or checked by the caller (ErrorXml). Text should be made XML-legal first (XmlText);
/// a lone surrogate throws, as it did with XmlWriter.
/// </summary>
internal sealed class S3XmlWriter : IDisposable
{
    /// <summary>
    /// Characters text cannot hold as they are: markup, '\r', and the C0 controls XML 1.0 excludes. All ASCII, so
    /// the search is vectorised; U+FFFE and U+FFFF, also excluded, are looked for by range.
    /// </summary>
    private static readonly SearchValues<char> TextSpecials = SearchValues.Create(Specials("<>&\r"));

    /// <summary>In attribute values also the quote and the whitespace a parser normalises to a space.</summary>
    private static readonly SearchValues<char> AttributeSpecials = SearchValues.Create(Specials("<>&\r\"\n\t"));

    /// <summary>Strict: a lone surrogate throws instead of silently becoming U+FFFD, as with XmlWriter.</summary>
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly PooledBufferStream _out;
    private Frame[] _open = new Frame[8];
    private int _depth;
    private bool _startTagOpen;
    private string? _pendingNamespace;

    public S3XmlWriter(PooledBufferStream output) => _out = output;

    /// <summary>An element in the default namespace in scope.</summary>
    public void WriteStartElement(string localName) =>
        StartElement(localName, _depth == 0 ? "" : _open[_depth - 1].Namespace);

    /// <summary>An element in <paramref name="ns"/>, declared as the default namespace unless it already is.</summary>
    public void WriteStartElement(string localName, string ns) => StartElement(localName, ns);

    /// <summary>
    /// <c>prefix:localName="value"</c> on the element just started; <c>("xmlns", "xsi", uri)</c> declares a
    /// prefix. The caller declares a prefix before using it.
    /// </summary>
    public void WriteAttributeString(string prefix, string localName, string value)
    {
        if (!_startTagOpen)
        {
            throw new InvalidOperationException("An attribute must follow its element's start.");
        }

        WriteByte((byte)' ');
        WriteUtf8(prefix);
        WriteByte((byte)':');
        WriteUtf8(localName);
        WriteAscii("=\""u8);
        WriteEscaped(value, AttributeSpecials);
        WriteByte((byte)'"');
    }

    /// <summary>
    /// Text content. Null is nothing; empty text still ends the start tag, so the element closes as
    /// <c>&lt;Name&gt;&lt;/Name&gt;</c>, as with XmlWriter (the Element helpers skip empty values: <c>&lt;Name /&gt;</c>).
    /// </summary>
    public void WriteString(string? text)
    {
        if (text is null)
        {
            return;
        }

        CloseStartTag();
        WriteEscaped(text, TextSpecials);
    }

    /// <summary>
    /// Content formatted invariantly straight to UTF-8, for values whose text holds nothing to escape
    /// (integers in <paramref name="format"/>).
    /// </summary>
    public void WriteValue<T>(T value, ReadOnlySpan<char> format)
        where T : IUtf8SpanFormattable
    {
        CloseStartTag();
        var size = 32;
        while (true)
        {
            var span = _out.GetSpan(size);
            if (value.TryFormat(span, out var written, format, CultureInfo.InvariantCulture))
            {
                _out.Advance(written);
                return;
            }

            size *= 2;
        }
    }

    /// <summary>
    /// An S3 timestamp (spec 50), <c>2026-02-22T12:00:00.000Z</c> (the UTC instant, milliseconds truncated, as
    /// the format pattern <c>yyyy-MM-dd'T'HH:mm:ss.fff'Z'</c> gives), digit by digit: DateTime's custom-format path
    /// interprets its pattern on every call, twice per listing entry.
    /// </summary>
    public void WriteTimestamp(DateTimeOffset value)
    {
        CloseStartTag();
        var utc = value.UtcDateTime;
        var span = _out.GetSpan(24);
        Digits(span, utc.Year, 4);
        span[4] = (byte)'-';
        Digits(span[5..], utc.Month, 2);
        span[7] = (byte)'-';
        Digits(span[8..], utc.Day, 2);
        span[10] = (byte)'T';
        Digits(span[11..], utc.Hour, 2);
        span[13] = (byte)':';
        Digits(span[14..], utc.Minute, 2);
        span[16] = (byte)':';
        Digits(span[17..], utc.Second, 2);
        span[19] = (byte)'.';
        Digits(span[20..], utc.Millisecond, 3);
        span[23] = (byte)'Z';
        _out.Advance(24);
    }

    public void WriteEndElement()
    {
        if (_depth == 0)
        {
            throw new InvalidOperationException("No element is open.");
        }

        var name = _open[--_depth].Name;
        _open[_depth] = default;
        if (_startTagOpen)
        {
            WritePendingNamespace();
            _startTagOpen = false;
            WriteAscii(" />"u8);
            return;
        }

        WriteAscii("</"u8);
        WriteUtf8(name);
        WriteByte((byte)'>');
    }

    /// <summary>A whole element; null or empty <paramref name="value"/> gives <c>&lt;Name /&gt;</c>.</summary>
    public void WriteElementString(string localName, string ns, string? value)
    {
        WriteStartElement(localName, ns);
        if (!string.IsNullOrEmpty(value))
        {
            WriteString(value);
        }

        WriteEndElement();
    }

    /// <summary>Closes what is still open, as XmlWriter did on dispose; the document lives on in the buffer.</summary>
    public void Dispose()
    {
        while (_depth > 0)
        {
            WriteEndElement();
        }
    }

    private void StartElement(string localName, string ns)
    {
        CloseStartTag();
        if (_depth == _open.Length)
        {
            Array.Resize(ref _open, _depth * 2);
        }

        var inScope = _depth == 0 ? "" : _open[_depth - 1].Namespace;
        _open[_depth++] = new Frame(localName, ns);
        _pendingNamespace = string.Equals(ns, inScope, StringComparison.Ordinal) ? null : ns;

        WriteByte((byte)'<');
        WriteUtf8(localName);
        _startTagOpen = true;
    }

    private void CloseStartTag()
    {
        if (_startTagOpen)
        {
            WritePendingNamespace();
            _startTagOpen = false;
            WriteByte((byte)'>');
        }
    }

    /// <summary>XmlWriter declares an element's new default namespace after the attributes written to it.</summary>
    private void WritePendingNamespace()
    {
        if (_pendingNamespace is { } ns)
        {
            _pendingNamespace = null;
            WriteAscii(" xmlns=\""u8);
            WriteEscaped(ns, AttributeSpecials);
            WriteByte((byte)'"');
        }
    }

    /// <summary>Runs without specials go through the (vectorised) encoder; each special becomes its reference.</summary>
    private void WriteEscaped(string value, SearchValues<char> specials)
    {
        var rest = value.AsSpan();
        while (!rest.IsEmpty)
        {
            var stop = IndexOfSpecial(rest, specials);
            var run = stop < 0 ? rest : rest[..stop];
            if (!run.IsEmpty)
            {
                WriteUtf8(run);
            }

            if (stop < 0)
            {
                return;
            }

            WriteReference(rest[stop]);
            rest = rest[(stop + 1)..];
        }
    }

    private static int IndexOfSpecial(ReadOnlySpan<char> text, SearchValues<char> specials)
    {
        var stop = text.IndexOfAny(specials);
        var noncharacter = (stop < 0 ? text : text[..stop]).IndexOfAnyInRange('\uFFFE', '\uFFFF');
        return noncharacter >= 0 ? noncharacter : stop;
    }

    /// <summary>ASCII by the vectorised narrowing copy; from the first other character on, the UTF-8 encoder.</summary>
    private void WriteUtf8(ReadOnlySpan<char> chars)
    {
        var span = _out.GetSpan(chars.Length * 3);
        if (Ascii.FromUtf16(chars, span, out var written) != OperationStatus.Done)
        {
            written += Utf8.GetBytes(chars[written..], span[written..]);
        }

        _out.Advance(written);
    }

    private void WriteReference(char c)
    {
        switch (c)
        {
            case '<':
                WriteAscii("&lt;"u8);
                break;
            case '>':
                WriteAscii("&gt;"u8);
                break;
            case '&':
                WriteAscii("&amp;"u8);
                break;
            case '"':
                WriteAscii("&quot;"u8);
                break;
            default:
                // \r \n \t in the places they are specials, and characters XML 1.0 excludes: &#xD; &#x1; &#xFFFE;
                var span = _out.GetSpan(8);
                "&#x"u8.CopyTo(span);
                ((int)c).TryFormat(span[3..], out var digits, "X", CultureInfo.InvariantCulture);
                span[3 + digits] = (byte)';';
                _out.Advance(4 + digits);
                break;
        }
    }

    private void WriteAscii(ReadOnlySpan<byte> bytes)
    {
        bytes.CopyTo(_out.GetSpan(bytes.Length));
        _out.Advance(bytes.Length);
    }

    private void WriteByte(byte value)
    {
        _out.GetSpan(1)[0] = value;
        _out.Advance(1);
    }

    /// <summary><paramref name="markup"/> plus the C0 controls other than \t \n \r.</summary>
    private static string Specials(string markup)
    {
        var chars = new StringBuilder(markup);
        for (var c = '\0'; c < ' '; c++)
        {
            if (c is not ('\t' or '\n' or '\r'))
            {
                chars.Append(c);
            }
        }

        return chars.ToString();
    }

    private static void Digits(Span<byte> span, int value, int count)
    {
        for (var i = count - 1; i >= 0; i--)
        {
            span[i] = (byte)('0' + (value % 10));
            value /= 10;
        }
    }

    private readonly record struct Frame(string Name, string Namespace);
}
