using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Tandem.Analytics.Tests")]
