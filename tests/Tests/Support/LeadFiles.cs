using System.Text;

namespace PersonalizedLine.Tests.Support;

/// <summary>Lead CSVs for tests: row i has first name Lead{i}, company Company{i} and website company{i}.example, so every output line is traceable.</summary>
public static class LeadFiles
{
    public const string Header = "first_name,last_name,title,company,website";

    public static string Csv(int rows, Func<int, string>? company = null)
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            var name = company?.Invoke(i) ?? $"Company{i}";
            text.Append("Lead").Append(i).Append(",Surname").Append(i).Append(",CTO,")
                .Append(name).Append(',').Append(name.ToLowerInvariant()).Append(".example\n");
        }

        return text.ToString();
    }

    public static MemoryStream Stream(string csv) => new(Encoding.UTF8.GetBytes(csv));
}
