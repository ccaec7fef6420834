using BleepStore.Infrastructure.Metadata.Memory;
using static BleepStore.Infrastructure.Tests.TestSupport.Records;

namespace BleepStore.Infrastructure.Tests.Metadata.Memory;

public sealed class OrderedRowsTests
{
    [Fact]
    public void SetAndRemove_ThousandsOfRandomKeys_StaysSortedAcrossChunks()
    {
        var rows = new OrderedRows();
        var expected = new SortedSet<string>(Domain.Objects.Utf8Order.Instance);
        var random = new Random(42);
        for (var i = 0; i < 20_000; i++)
        {
            var key = $"k{random.Next(5_000):D4}{(random.Next(4) == 0 ? "😀" : "")}";
            if (random.Next(3) == 0)
            {
                Assert.Equal(expected.Remove(key), rows.Remove(key) is not null);
            }
            else
            {
                Assert.Equal(!expected.Add(key), rows.Set(Object("b", key)) is not null);
            }
        }

        Assert.Equal(expected.Count, rows.Count);
        Assert.Equal(expected, Keys(rows, null, true, int.MaxValue));
        foreach (var key in expected.Where((_, i) => i % 97 == 0).Append("k2500x").Append(""))
        {
            Assert.Equal(expected.Where(k => Domain.Objects.Utf8Order.Instance.Compare(k, key) > 0).Take(300), Keys(rows, key, false, 300));
            Assert.Equal(expected.Where(k => Domain.Objects.Utf8Order.Instance.Compare(k, key) >= 0).Take(300), Keys(rows, key, true, 300));
            Assert.Equal(rows.Get(key)?.Key, expected.Contains(key) ? key : null);
        }
    }

    [Fact]
    public void ForEachFrom_Empty_CallsNothing() => Assert.Empty(Keys(new OrderedRows(), "a", true, 10));

    [Fact]
    public void Set_ExistingKey_ReplacesInPlaceAndReturnsPrevious()
    {
        var rows = new OrderedRows();
        var first = Object("b", "k");
        rows.Set(first);

        Assert.Same(first, rows.Set(Object("b", "k")));
        Assert.Equal(1, rows.Count);
        Assert.NotSame(first, rows.Get("k"));
    }

    private static List<string> Keys(OrderedRows rows, string? from, bool inclusive, int limit)
    {
        var keys = new List<string>();
        rows.ForEachFrom(from, inclusive, row =>
        {
            keys.Add(row.Key);
            return keys.Count < limit;
        });
        return keys;
    }
}
