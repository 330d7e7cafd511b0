using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

/// <summary>
/// One request at a time against an endpoint, each printed with its wall time and the SQL commands that ran while it
/// was served (EF Core's diagnostic events, so the app needs no change): where a single request's time goes.
/// </summary>
internal static class Probe
{
    private static readonly ConcurrentQueue<(string Sql, double Ms)> Commands = new();
    private static bool _listening;

    public static async Task Run(string name, string url, string token, int count)
    {
        Listen();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        Console.WriteLine($"== {name}: {url}");
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            Commands.Clear();
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new("Bearer", token);
            request.Headers.Add("X-Forwarded-Proto", "https");
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            var ms = clock.Elapsed.TotalMilliseconds;
            times.Add(ms);
            var commands = Commands.ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  #{i + 1}: {(int)response.StatusCode} {body.Length} B in {ms:0.0} ms; {commands.Length} SQL commands, {commands.Sum(c => c.Ms):0.0} ms in the database"));
            if (i == 0 || i == count - 1)
            {
                foreach (var (sql, took) in commands)
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"     {took,7:0.00} ms  {Flatten(sql)}"));
                }
            }
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  median {times[times.Count / 2]:0.0} ms, fastest {times[0]:0.0} ms"));
    }

    /// <summary>A few requests one after another, unmeasured.</summary>
    public static async Task WarmUp(string url, string token, int count)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new("Bearer", token);
            request.Headers.Add("X-Forwarded-Proto", "https");
            using var response = await http.SendAsync(request);
            await response.Content.ReadAsByteArrayAsync();
        }
    }

    private static string Flatten(string sql)
    {
        var flat = string.Join(' ', sql.Split((char[])['\n', '\r'], StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()));
        return flat.Length <= 220 ? flat : flat[..220] + "…";
    }

    private static void Listen()
    {
        if (_listening)
        {
            return;
        }

        _listening = true;
        DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(listener =>
        {
            if (listener.Name == DbLoggerCategory.Name)
            {
                listener.Subscribe(new Observer<KeyValuePair<string, object?>>(e =>
                {
                    if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData data)
                    {
                        Commands.Enqueue((data.Command.CommandText, data.Duration.TotalMilliseconds));
                    }
                }));
            }
        }));
    }

    private sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(T value) => next(value);
    }
}
