using System.Text;
using System.Text.RegularExpressions;
using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Tests.Prompts;

/// <summary>
/// Rendering tidies text in one pass over pooled buffers. These check it against the plain definition it replaced
/// (regular expressions over split lines) on thousands of generated templates and cells full of every kind of
/// whitespace and line ending, so the prompt a model sees is byte for byte what it was.
/// </summary>
public sealed partial class TemplateRenderingEquivalenceTests
{
    private static readonly string[] Headers = ["First Name", "Company Name", "Website"];
    private static readonly string[] Placeholders = ["{first_name}", "{company}", "{website?}", "{industry?}"];

    // Spaces, tabs, no-break and other Unicode spaces, vertical tab, and every line ending .NET knows.
    private static readonly string[] Pieces =
        [" ", "  ", "\t", "\u00A0", "\u2003", "\u3000", "\v", "\n", "\r", "\r\n", "\n\r", "\f", "\u0085", "\u2028", "\u2029", "a", "Acme", "é", "😀", ".", "-"];

    [Fact]
    public void A_rendered_template_is_the_template_and_cells_tidied_as_lines_of_single_spaces()
    {
        var random = new Random(20261130);
        for (var round = 0; round < 3000; round++)
        {
            var template = new StringBuilder();
            for (var part = random.Next(0, 12); part > 0; part--)
            {
                template.Append(random.Next(4) == 0 ? Placeholders[random.Next(Placeholders.Length)] : Text(random, 6));
            }

            var source = template.ToString();
            var binding = LeadTemplate.Parse(source, "prompt template").Bind(Headers);
            string[] cells = [Text(random, 4), Text(random, 4), Text(random, 4)];

            Assert.Equal(ReferenceRender(source, cells), binding.Render(cells));
        }
    }

    [Fact]
    public void A_tidy_cell_renders_as_itself_and_an_untidy_one_collapses()
    {
        var binding = LeadTemplate.Parse("{company}", "research query template").Bind(Headers);

        Assert.Equal("Acme Corp", binding.Render(["", "Acme Corp", ""]));
        Assert.Equal("Acme Corp", binding.Render(["", " \tAcme \u00A0\r\n Corp\u2029", ""]));
        Assert.Equal(string.Empty, binding.Render(["", " \u3000 ", ""]));
    }

    private static string Text(Random random, int maxPieces)
    {
        var text = new StringBuilder();
        for (var piece = random.Next(0, maxPieces + 1); piece > 0; piece--)
        {
            text.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return text.ToString();
    }

    /// <summary>The definition: cells on one line, then the template's lines each collapsed and trimmed, at most one blank line in a row.</summary>
    private static string ReferenceRender(string template, string[] cells)
    {
        var filled = new StringBuilder();
        foreach (Match match in Placeholder().Matches(template + "{end}"))
        {
            filled.Append(match.Groups["text"].Value);
            filled.Append(match.Groups["name"].Value switch
            {
                "first_name" => ReferenceOneLine(cells[0]),
                "company" => ReferenceOneLine(cells[1]),
                "website?" => ReferenceOneLine(cells[2]),
                _ => string.Empty,
            });
        }

        var lines = filled.ToString().ReplaceLineEndings("\n").Split('\n').Select(line => Horizontal().Replace(line, " ").Trim());
        var joined = new StringBuilder();
        var blankRun = 0;
        foreach (var line in lines)
        {
            blankRun = line.Length == 0 ? blankRun + 1 : 0;
            if (blankRun < 2)
            {
                joined.Append(line).Append('\n');
            }
        }

        return joined.ToString().Trim();
    }

    private static string ReferenceOneLine(string text) => AnyWhitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"(?<text>[^{]*)\{(?<name>[a-z_?]+)\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex AnyWhitespace();

    [GeneratedRegex(@"[^\S\n]+")]
    private static partial Regex Horizontal();
}
