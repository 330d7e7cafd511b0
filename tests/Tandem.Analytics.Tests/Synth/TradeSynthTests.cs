using System.Security.Cryptography;
using Tandem.Analytics.CodeLists;
using Tandem.Analytics.Synth;
using Tandem.Analytics.Tests.Support;

namespace Tandem.Analytics.Tests.Synth;

public class TradeSynthTests
{
    private static string Hash(string path) => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(path)));

    [Fact]
    public void SameSeed_WritesTheSameBytes_AndAnotherSeedDoesNot()
    {
        using var dir = new TempDirectory();
        var request = new SynthRequest([2021, 2022], 20_000, Seed: 11, dir.File("a"));

        var first = TradeSynth.Write(request).Value;
        var second = TradeSynth.Write(request with { OutputDirectory = dir.File("b") }).Value;
        var other = TradeSynth.Write(request with { Seed = 12, OutputDirectory = dir.File("c") }).Value;

        Assert.Equal(first.Select(Hash), second.Select(Hash));
        Assert.NotEqual(Hash(first[0]), Hash(other[0]));
        Assert.NotEqual(Hash(first[0]), Hash(first[1]));
    }

    [Fact]
    public void Output_IsBaciShaped_WithExactlyNFlowsAndNoRepeatedPair()
    {
        using var dir = new TempDirectory();

        var path = TradeSynth.Write(new SynthRequest([2022], 30_000, Seed: 3, dir.Path)).Value.Single();

        var lines = File.ReadAllLines(path);
        Assert.Equal("t,i,j,k,v,q", lines[0]);
        Assert.Equal(30_001, lines.Length);
        var baci = TradeCodeLists.Default.BaciByCode;
        var hs = TradeCodeLists.Default.ProductsByCode;
        var pairs = new HashSet<(string, string, string)>();
        foreach (var line in lines.Skip(1))
        {
            var f = line.Split(',');
            Assert.Equal(6, f.Length);
            Assert.Equal("2022", f[0]);
            Assert.True(baci.ContainsKey(int.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture)));
            Assert.True(hs.ContainsKey(f[3]), f[3]);
            Assert.Matches(@"^\d+\.\d{3}$", f[4]);
            Assert.Matches(@"^(\d+\.\d{3}|NA)$", f[5]);
            Assert.NotEqual(f[1], f[2]);
            Assert.True(pairs.Add((f[1], f[2], f[3])), $"pair repeated: {line}");
        }
    }

    [Fact]
    public void Values_AreHeavyTailed()
    {
        using var dir = new TempDirectory();
        var path = TradeSynth.Write(new SynthRequest([2022], 50_000, Seed: 5, dir.Path)).Value.Single();

        var values = File.ReadLines(path).Skip(1)
            .Select(l => double.Parse(l.Split(',')[4], System.Globalization.CultureInfo.InvariantCulture))
            .Order().ToArray();

        var median = values[values.Length / 2];
        var top1Percent = values.Skip(values.Length * 99 / 100).Sum() / values.Sum();
        Assert.True(values[^1] > 1000 * median, $"max {values[^1]} vs median {median}");
        Assert.True(top1Percent > 0.2, $"top 1% of flows carry only {top1Percent:P1} of value");
    }

    [Theory]
    [InlineData(0, "flows per year")]
    [InlineData(-5, "flows per year")]
    public void BadRequest_IsInvalid(long flows, string named)
    {
        using var dir = new TempDirectory();

        var result = TradeSynth.Write(new SynthRequest([2022], flows, 1, dir.Path));

        Assert.Equal(FailureKind.Invalid, result.Failure!.Kind);
        Assert.Contains(named, result.Failure.Message, StringComparison.Ordinal);
    }
}
