using System.Globalization;

/// <summary>Command-line options of the benchmark.</summary>
/// <param name="Only">Run only this part ("import", "screening", "cli" or "first-screen"); null runs all four.</param>
/// <param name="StorePath">Screening: a three-year store to reuse (imported when it does not exist yet) instead of a fresh one.</param>
internal sealed record BenchOptions(
    string DataDirectory, long FlowsPerYear, int Runs, int Seed, IReadOnlyList<int> Years, string? CliPath, string? ReportPath, string? Only, string? StorePath)
{
    public static BenchOptions Parse(string[] args)
    {
        string Value(string name, string fallback)
        {
            var index = Array.IndexOf(args, name);
            return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
        }

        var seed = int.Parse(Value("--seed", "42"), CultureInfo.InvariantCulture);
        var flows = long.Parse(Value("--flows", "11000000"), CultureInfo.InvariantCulture);
        var data = Value("--data", Path.Combine(Path.GetTempPath(), $"tandem-bench-data-{seed}-{flows}"));
        var runs = Math.Max(3, int.Parse(Value("--runs", "3"), CultureInfo.InvariantCulture));
        var cli = Value("--cli", FindCli() ?? string.Empty);
        var report = Value("--report", string.Empty);
        var only = Value("--only", string.Empty);
        if (only.Length > 0 && only is not ("import" or "screening" or "cli" or "first-screen"))
        {
            throw new ArgumentException($"--only takes import, screening, cli or first-screen, not '{only}'");
        }

        var store = Value("--store", string.Empty);
        return new BenchOptions(data, flows, runs, seed, [2020, 2021, 2022], cli.Length == 0 ? null : cli, report.Length == 0 ? null : report,
            only.Length == 0 ? null : only, store.Length == 0 ? null : Path.GetFullPath(store));
    }

    /// <summary>The Release build of the CLI in this repository, found from the working directory upwards.</summary>
    private static string? FindCli()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "Tandem.Cli", "bin", "Release", "net10.0", "tandem.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
