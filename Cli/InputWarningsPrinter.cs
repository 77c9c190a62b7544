using Spectre.Console;

namespace PersonalizedLine.Cli;

/// <summary>Prints how the input was read where it was not strict UTF-8 CSV (encoding, bare quotes, unnamed columns, the sheet).</summary>
public static class InputWarningsPrinter
{
    public static void Print(IReadOnlyList<string>? warnings)
    {
        foreach (var warning in warnings ?? [])
        {
            AnsiConsole.MarkupLine($"[yellow]Note:[/] {Markup.Escape(warning)}");
        }
    }
}
