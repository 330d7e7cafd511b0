using System.Buffers.Text;
using System.Globalization;
using Tandem.Analytics.CodeLists;

namespace Tandem.Analytics.Synth;

public sealed record SynthRequest(IReadOnlyList<int> Years, long FlowsPerYear, int Seed, string OutputDirectory)
{
    /// <summary>Distinct HS6 products drawn from the HS 2022 list.</summary>
    public int Products { get; init; } = 5000;

    /// <summary>Countries drawn from BACI's list (current countries only).</summary>
    public int Countries { get; init; } = 230;
}

/// <summary>
/// Writes BACI-shaped CSV files (<c>t,i,j,k,v,q</c>, thousand USD with three decimals, tonnes or <c>NA</c>) for
/// scale tests and benchmarks: real HS codes and BACI country codes, Pareto-sized countries, log-normal values,
/// a share of products dominated by one supplier, and no duplicate (i, j, k) within a year, as in BACI.
/// Same request → same bytes: only <see cref="Random"/> with a fixed seed (its sequence is stable in .NET) and
/// integer arithmetic for the printed digits.
/// </summary>
public static class TradeSynth
{
    private const double DominantShare = 0.15;
    private const double NaQuantityShare = 0.05;

    public static string FileNameFor(int year, int seed) =>
        string.Create(CultureInfo.InvariantCulture, $"BACI_HS22_Y{year}_SYNTH{seed}.csv");

    /// <summary>Writes one file per year into the output directory and returns their paths.</summary>
    public static Result<IReadOnlyList<string>> Write(SynthRequest request, IProgress<long>? rowsWritten = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Years.Count == 0)
        {
            return Result<IReadOnlyList<string>>.Invalid("no years to generate");
        }

        if (request.Years.Any(y => y is < 1962 or > 2100))
        {
            return Result<IReadOnlyList<string>>.Invalid("years must be between 1962 and 2100");
        }

        if (request.FlowsPerYear < 1)
        {
            return Result<IReadOnlyList<string>>.Invalid("flows per year must be at least 1");
        }

        if (request.Products < 1 || request.Countries < 2)
        {
            return Result<IReadOnlyList<string>>.Invalid("need at least 1 product and 2 countries");
        }

        var model = SynthModel.Create(request.Seed, request.Products, request.Countries);
        var maxFlows = (long)model.Products.Length * model.Countries.Length * (model.Countries.Length - 1) / 2;
        if (request.FlowsPerYear > maxFlows)
        {
            return Result<IReadOnlyList<string>>.Invalid(
                $"at most {maxFlows} flows per year fit {model.Products.Length} products and {model.Countries.Length} countries");
        }

        var paths = new List<string>();
        try
        {
            Directory.CreateDirectory(request.OutputDirectory);
            long done = 0;
            foreach (var year in request.Years)
            {
                var path = Path.Combine(request.OutputDirectory, FileNameFor(year, request.Seed));
                using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
                {
                    var offset = done;
                    WriteYear(stream, model, year, request.FlowsPerYear, request.Seed,
                        rowsWritten is null ? null : new Progress<long>(n => rowsWritten.Report(offset + n)), cancellationToken);
                }

                done += request.FlowsPerYear;
                paths.Add(path);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Result<IReadOnlyList<string>>.Invalid($"cannot write to {request.OutputDirectory}: {ex.Message}");
        }

        return paths;
    }

    internal static void WriteYear(Stream output, SynthModel model, int year, long flows, int seed, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        var random = new Random(unchecked((seed * 1_000_003) + year));
        var counts = model.FlowsPerProduct(flows);
        var writer = new RowWriter(output);
        writer.WriteAscii("t,i,j,k,v,q\n");
        var used = new HashSet<int>();
        var countries = model.Countries;
        var n = countries.Length;
        long written = 0;
        for (var p = 0; p < model.Products.Length; p++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var count = counts[p];
            if (count == 0)
            {
                continue;
            }

            used.Clear();
            var product = model.Products[p];
            var scale = model.ProductScale[p] * Math.Exp(0.15 * Normal(random));
            var unitValue = model.UnitValue[p];
            var dominant = model.DominantExporter[p];
            // A dominant supplier ships to many importers so that it dominates importers' supplies, not only its own total.
            var dominantFlows = dominant >= 0 ? Math.Min(count / 3, n - 1) : 0;
            for (var f = 0; f < count; f++)
            {
                int i;
                int j;
                do
                {
                    i = f < dominantFlows ? dominant : SynthModel.DrawCountry(random, model.ExporterCumulative);
                    j = SynthModel.DrawCountry(random, model.ImporterCumulative);
                }
                while (i == j || !used.Add((i * 1024) + j));

                var value = scale * model.Size[i] * Math.Sqrt(model.Size[j]) * Math.Exp(1.2 * Normal(random));
                if (i == dominant)
                {
                    value *= 40;
                }

                var thousandths = Math.Max(1L, (long)Math.Round(value * 1000.0));
                writer.WriteInt(year);
                writer.WriteByte((byte)',');
                writer.WriteInt(countries[i]);
                writer.WriteByte((byte)',');
                writer.WriteInt(countries[j]);
                writer.WriteByte((byte)',');
                writer.WriteAscii(product);
                writer.WriteByte((byte)',');
                writer.WriteThousandths(thousandths);
                writer.WriteByte((byte)',');
                if (random.NextDouble() < NaQuantityShare)
                {
                    writer.WriteAscii("NA");
                }
                else
                {
                    var tonnes = thousandths / unitValue * Math.Exp(0.3 * Normal(random));
                    writer.WriteThousandths(Math.Max(1L, (long)Math.Round(tonnes)));
                }

                writer.WriteByte((byte)'\n');
            }

            written += count;
            if ((p & 63) == 0)
            {
                progress?.Report(written);
            }
        }

        writer.Flush();
        progress?.Report(written);
    }

    /// <summary>Standard normal draw (Box–Muller); deterministic for a given <see cref="Random"/> sequence.</summary>
    internal static double Normal(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>Year-independent structure of the synthetic world, fixed by the seed.</summary>
    internal sealed class SynthModel
    {
        private SynthModel(int[] countries, string[] products)
        {
            Countries = countries;
            Products = products;
            Size = new double[countries.Length];
            ExporterCumulative = new double[countries.Length];
            ImporterCumulative = new double[countries.Length];
            ProductScale = new double[products.Length];
            Popularity = new double[products.Length];
            UnitValue = new double[products.Length];
            DominantExporter = new int[products.Length];
        }

        public int[] Countries { get; }

        public string[] Products { get; }

        public double[] Size { get; }

        public double[] ExporterCumulative { get; }

        public double[] ImporterCumulative { get; }

        public double[] ProductScale { get; }

        public double[] Popularity { get; }

        public double[] UnitValue { get; }

        public int[] DominantExporter { get; }

        public static SynthModel Create(int seed, int productCount, int countryCount)
        {
            var random = new Random(seed);
            var lists = TradeCodeLists.Default;
            // Current countries only: BACI keeps historical entities ("USSR (...1990)") and EFTA "nes" in its list.
            var countries = lists.BaciCountries
                .Where(c => !c.Name.Contains("(...", StringComparison.Ordinal) && c.Code != 697)
                .Select(c => c.Code)
                .ToArray();
            Shuffle(random, countries);
            countries = countries.Take(Math.Min(countryCount, countries.Length)).Order().ToArray();

            var products = lists.Products.Select(p => p.Hs6).ToArray();
            Shuffle(random, products);
            products = products.Take(Math.Min(productCount, products.Length)).Order(StringComparer.Ordinal).ToArray();

            var model = new SynthModel(countries, products);
            double exporterTotal = 0;
            double importerTotal = 0;
            for (var c = 0; c < countries.Length; c++)
            {
                // Pareto(α = 1.1) country sizes: a few giants, a long tail of small economies.
                model.Size[c] = Math.Min(1000.0, Math.Pow(1.0 - random.NextDouble(), -1.0 / 1.1));
                exporterTotal += (0.7 * model.Size[c]) + 0.3;
                model.ExporterCumulative[c] = exporterTotal;
                importerTotal += (0.6 * Math.Sqrt(model.Size[c])) + 0.4;
                model.ImporterCumulative[c] = importerTotal;
            }

            for (var p = 0; p < products.Length; p++)
            {
                model.ProductScale[p] = Math.Exp(1.5 * Normal(random));
                model.Popularity[p] = Math.Exp(0.9 * Normal(random));
                model.UnitValue[p] = Math.Exp(1.0 + Normal(random));
                model.DominantExporter[p] = random.NextDouble() < DominantShare ? SynthModel.DrawCountry(random, model.ExporterCumulative) : -1;
            }

            return model;
        }

        /// <summary>Flows per product summing exactly to <paramref name="flows"/>, capped at a third of the possible pairs.</summary>
        public long[] FlowsPerProduct(long flows)
        {
            var cap = (long)Countries.Length * (Countries.Length - 1) / 3;
            var counts = new long[Products.Length];
            var remaining = flows;
            var open = Enumerable.Range(0, Products.Length).ToList();
            while (remaining > 0 && open.Count > 0)
            {
                var weight = open.Sum(p => Popularity[p]);
                long assigned = 0;
                foreach (var p in open)
                {
                    var share = (long)Math.Floor(remaining * Popularity[p] / weight);
                    var add = Math.Min(share, cap - counts[p]);
                    counts[p] += add;
                    assigned += add;
                }

                remaining -= assigned;
                open.RemoveAll(p => counts[p] >= cap);
                if (assigned == 0)
                {
                    // Rounding leftovers: one more flow each to the most popular open products.
                    foreach (var p in open.OrderByDescending(p => Popularity[p]).ThenBy(p => p).Take((int)Math.Min(remaining, open.Count)))
                    {
                        counts[p]++;
                        remaining--;
                    }
                }
            }

            return counts;
        }

        public static int DrawCountry(Random random, double[] cumulative)
        {
            var target = random.NextDouble() * cumulative[^1];
            var index = Array.BinarySearch(cumulative, target);
            return index >= 0 ? index : Math.Min(~index, cumulative.Length - 1);
        }

        private static void Shuffle<T>(Random random, T[] items)
        {
            for (var i = items.Length - 1; i > 0; i--)
            {
                var k = random.Next(i + 1);
                (items[i], items[k]) = (items[k], items[i]);
            }
        }
    }

    /// <summary>A buffered ASCII writer that formats without allocating per row.</summary>
    private sealed class RowWriter(Stream output)
    {
        private readonly byte[] _buffer = new byte[1 << 20];
        private int _position;

        public void WriteByte(byte value)
        {
            if (_position == _buffer.Length)
            {
                Flush();
            }

            _buffer[_position++] = value;
        }

        public void WriteAscii(string text)
        {
            Ensure(text.Length);
            foreach (var ch in text)
            {
                _buffer[_position++] = (byte)ch;
            }
        }

        public void WriteInt(long value)
        {
            Ensure(24);
            Utf8Formatter.TryFormat(value, _buffer.AsSpan(_position), out var written);
            _position += written;
        }

        /// <summary>Writes n/1000 with exactly three decimals ("1223.702"), from integers so output never depends on float formatting.</summary>
        public void WriteThousandths(long thousandths)
        {
            WriteInt(thousandths / 1000);
            var fraction = (int)(thousandths % 1000);
            Ensure(4);
            _buffer[_position++] = (byte)'.';
            _buffer[_position++] = (byte)('0' + (fraction / 100));
            _buffer[_position++] = (byte)('0' + (fraction / 10 % 10));
            _buffer[_position++] = (byte)('0' + (fraction % 10));
        }

        public void Flush()
        {
            output.Write(_buffer, 0, _position);
            _position = 0;
        }

        private void Ensure(int bytes)
        {
            if (_position + bytes > _buffer.Length)
            {
                Flush();
            }
        }
    }
}
