using System.Text;

namespace PersonalizedLine.Tests.Support;

/// <summary>Lead CSVs for tests: row i has first name Lead{i} and company Company{i}, so every output line is traceable.</summary>
public static class LeadFiles
{
    public const string Header = "first_name,last_name,title,company,website";

    public static string Csv(int rows, Func<int, string>? company = null)
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i < rows; i++)
        {
            text.Append("Lead").Append(i).Append(",Surname").Append(i).Append(",CTO,")
                .Append(company?.Invoke(i) ?? $"Company{i}").Append(",company").Append(i).Append(".example\n");
        }

        return text.ToString();
    }

    public static MemoryStream Stream(string csv) => new(Encoding.UTF8.GetBytes(csv));
}
