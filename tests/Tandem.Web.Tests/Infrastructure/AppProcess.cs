using System.Diagnostics;

namespace Tandem.Web.Tests.Infrastructure;

/// <summary>
/// Runs the built web app or CLI as its own process, as an operator starts it, for the answers only a real
/// start shows (the one-line refusal Program prints, the exit code); the test host cannot see those.
/// </summary>
public static class AppProcess
{
    /// <param name="withoutEnvironmentName">Start as an operator would with no environment set, which means Production.</param>
    public static async Task<(int Exit, string Output, string Error)> RunToExit(string arguments, IReadOnlyDictionary<string, string> environment,
        string whyItShouldStop, bool withoutEnvironmentName = false)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var folder = Path.Combine(TestDatabase.Root, Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var start = new ProcessStartInfo("dotnet", arguments)
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            if (withoutEnvironmentName)
            {
                start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
                start.Environment.Remove("DOTNET_ENVIRONMENT");
            }

            foreach (var (key, value) in environment)
            {
                start.Environment[key] = value;
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(whyItShouldStop);
            }

            return (process.ExitCode, await output, await error);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
