using System.Diagnostics;
using System.Globalization;

/// <summary>Runs the CLI as a child process and measures its peak resident set size.</summary>
internal static class PeakMemory
{
    /// <summary>
    /// Uses GNU time's "Maximum resident set size" when /usr/bin/time exists (exact, from the kernel's rusage);
    /// otherwise polls the child's VmHWM in /proc every 20 ms (the high-water mark, read up to the child's exit).
    /// </summary>
    /// <returns>Exit code, wall seconds, peak RSS in MB, and CPU seconds (user + system; NaN without GNU time).</returns>
    public static (int Exit, double Seconds, double PeakMb, double CpuSeconds) Run(string cliDll, string[] args)
    {
        var useTime = File.Exists("/usr/bin/time");
        var start = new ProcessStartInfo(useTime ? "/usr/bin/time" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (useTime)
        {
            start.ArgumentList.Add("-v");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add(cliDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        var stopwatch = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("cannot start the CLI");
        var stderr = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        double polledKb = 0;
        while (!process.WaitForExit(20))
        {
            if (!useTime)
            {
                polledKb = Math.Max(polledKb, ReadVmHwmKb(process.Id));
            }
        }

        var seconds = stopwatch.Elapsed.TotalSeconds;
        var text = stderr.GetAwaiter().GetResult();
        var peakKb = polledKb;
        var cpu = double.NaN;
        if (useTime)
        {
            double Field(string name)
            {
                var line = text.Split('\n').FirstOrDefault(l => l.Contains(name, StringComparison.Ordinal));
                return line is null ? 0 : double.Parse(line[(line.LastIndexOf(':') + 1)..].Trim(), CultureInfo.InvariantCulture);
            }

            peakKb = Field("Maximum resident set size");
            cpu = Field("User time (seconds)") + Field("System time (seconds)");
        }

        if (process.ExitCode != 0)
        {
            Console.Error.WriteLine(text);
        }

        return (process.ExitCode, seconds, peakKb / 1024.0, cpu);
    }

    private static double ReadVmHwmKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    return double.Parse(line[6..].Replace("kB", string.Empty, StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
            // The process ended between two polls.
        }

        return 0;
    }
}
