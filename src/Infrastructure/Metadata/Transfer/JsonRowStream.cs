using System.Text.Json;

namespace BleepStore.Infrastructure.Metadata.Transfer;

/// <summary>
/// Reads an export document from a stream without holding it whole: the header and each row are parsed as one
/// small <see cref="JsonDocument"/>, the buffer holds at most the largest row (it grows for a larger one).
/// Calls <paramref name="onHeader"/> once, then <paramref name="onTableStart"/> and <paramref name="onRow"/>
/// per row, in file order. Throws <see cref="InvalidDataException"/> on anything that is not an export.
/// </summary>
internal sealed class JsonRowStream(Stream input, Action<JsonElement> onHeader, Action<string> onTableStart, Action<string, JsonElement> onRow)
{
    private enum State
    {
        Start,
        TopLevel,
        Value,
        InArray,
        Done,
    }

    private byte[] _buffer = new byte[1 << 20];
    private int _start;
    private int _end;
    private bool _eof;
    private JsonReaderState _readerState = new(new JsonReaderOptions { MaxDepth = 64 });
    private State _state = State.Start;
    private string _property = "";
    private bool _sawHeader;

    public void Run()
    {
        while (_state != State.Done)
        {
            if (!Step())
            {
                if (_eof)
                {
                    throw new InvalidDataException("The export ends in the middle of the document.");
                }

                Refill();
            }
        }

        if (!_sawHeader)
        {
            throw new InvalidDataException("Not a BleepStore export: no \"bleepstore_export\" header.");
        }
    }

    private void Refill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = input.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _eof = true;
        }

        _end += read;
    }

    /// <summary>One token or one whole value; false when the buffer does not hold it yet (nothing consumed).</summary>
    private bool Step()
    {
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _eof, _readerState);
        try
        {
            if (!reader.Read())
            {
                return false;
            }

            switch (_state)
            {
                case State.Start:
                    Expect(reader.TokenType == JsonTokenType.StartObject, "The export is not a JSON object.");
                    _state = State.TopLevel;
                    break;
                case State.TopLevel when reader.TokenType == JsonTokenType.EndObject:
                    _state = State.Done;
                    break;
                case State.TopLevel:
                    _property = reader.GetString()!;
                    _state = State.Value;
                    break;
                case State.Value when _property == "bleepstore_export" || reader.TokenType != JsonTokenType.StartArray:
                    var copy = reader;
                    if (!copy.TrySkip())
                    {
                        return false;
                    }

                    using (var document = JsonDocument.ParseValue(ref reader))
                    {
                        if (_property == "bleepstore_export")
                        {
                            _sawHeader = true;
                            onHeader(document.RootElement);
                        }
                        else
                        {
                            throw new InvalidDataException($"\"{_property}\" is not an array of rows.");
                        }
                    }

                    _state = State.TopLevel;
                    break;
                case State.Value:
                    onTableStart(_property);
                    _state = State.InArray;
                    break;
                case State.InArray when reader.TokenType == JsonTokenType.EndArray:
                    _state = State.TopLevel;
                    break;
                case State.InArray:
                    Expect(reader.TokenType == JsonTokenType.StartObject, $"A row of \"{_property}\" is not a JSON object.");
                    var row = reader;
                    if (!row.TrySkip())
                    {
                        return false;
                    }

                    using (var document = JsonDocument.ParseValue(ref reader))
                    {
                        onRow(_property, document.RootElement);
                    }

                    break;
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"The export is not valid JSON: {e.Message}", e);
        }

        _start += (int)reader.BytesConsumed;
        _readerState = reader.CurrentState;
        return true;
    }

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidDataException(message);
        }
    }
}
