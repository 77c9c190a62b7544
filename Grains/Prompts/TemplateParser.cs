using System.Text;

namespace PersonalizedLine.Grains.Prompts;

/// <summary>Turns template text into literal and placeholder segments.</summary>
/// <remarks>
/// Escaping follows .NET composite formatting ({{ and }}), which template authors are likely to know.
/// Placeholder names are restricted to header-like characters so that a stray JSON snippet such as
/// <c>{"a": 1}</c> is reported as a syntax error rather than as a confusing "missing column".
/// </remarks>
internal static class TemplateParser
{
    public static IReadOnlyList<TemplateSegment> Parse(string template, string templateName)
    {
        var segments = new List<TemplateSegment>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < template.Length)
        {
            var c = template[i];
            var doubled = i + 1 < template.Length && template[i + 1] == c;
            if (c is ('{' or '}') && doubled)
            {
                literal.Append(c);
                i += 2;
            }
            else if (c == '}')
            {
                throw new TemplateSyntaxException(templateName, i + 1, "'}' has no matching '{'");
            }
            else if (c == '{')
            {
                var close = template.IndexOfAny(['{', '}'], i + 1);
                if (close < 0 || template[close] == '{')
                {
                    throw new TemplateSyntaxException(templateName, i + 1, "'{' is never closed");
                }

                Flush(literal, segments);
                segments.Add(ParsePlaceholder(template[(i + 1)..close], templateName, i + 1));
                i = close + 1;
            }
            else
            {
                literal.Append(c);
                i++;
            }
        }

        Flush(literal, segments);
        return segments;
    }

    private static TemplateSegment ParsePlaceholder(string body, string templateName, int position)
    {
        var name = body.Trim();
        var optional = name.EndsWith('?');
        if (optional)
        {
            name = name[..^1].TrimEnd();
        }

        if (name.Length == 0)
        {
            throw new TemplateSyntaxException(templateName, position, "the placeholder {" + body + "} has no column name");
        }

        if (!name.All(IsNameChar))
        {
            throw new TemplateSyntaxException(templateName, position,
                "{" + body + "} is not a valid placeholder; column names may contain letters, digits, spaces, '_', '-' and '.'");
        }

        return TemplateSegment.Placeholder(name, optional);
    }

    private static bool IsNameChar(char c) => char.IsLetterOrDigit(c) || c is ' ' or '_' or '-' or '.';

    private static void Flush(StringBuilder literal, List<TemplateSegment> segments)
    {
        if (literal.Length > 0)
        {
            segments.Add(TemplateSegment.Literal(literal.ToString()));
            literal.Clear();
        }
    }
}
