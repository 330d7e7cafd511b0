using Tandem.Core.Data;
using Tandem.Web;

try
{
    var app = TandemApp.Build(args);
    await app.RunAsync();
    return 0;
}
catch (ConfigurationException e)
{
    // A wrong setting is the operator's to fix: one line naming it, no stack trace.
    await Console.Error.WriteLineAsync($"tandem: {e.Message}");
    return 2;
}

/// <summary>Entry point, visible to the test host (WebApplicationFactory).</summary>
public partial class Program;
