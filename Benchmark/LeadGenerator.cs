using System.Text;

namespace PersonalizedLine.Benchmark;

/// <summary>
/// Generates a leads CSV with a distinct company per row, and per run (the tag), so the research cache never
/// flatters the figures — not even with companies left over from the warm-up job.
/// </summary>
public static class LeadGenerator
{
    private static readonly string[] FirstNames = ["Ada", "Grace", "Alan", "Katherine", "Linus", "Margaret", "José", "Zoë", "Wei", "Amara"];
    private static readonly string[] Titles = ["CTO", "VP Engineering", "Head of Data", "Founder", "Director of IT", ""];

    public static MemoryStream Generate(int rows, string runTag)
    {
        var text = new StringBuilder(rows * 96);
        text.Append("first_name,last_name,title,company,website\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(FirstNames[i % FirstNames.Length]).Append(',')
                .Append("Lead").Append(i).Append(',')
                .Append(Titles[i % Titles.Length]).Append(',')
                .Append("\"Company ").Append(runTag).Append('-').Append(i).Append(", Ltd\",")
                .Append("company-").Append(runTag).Append('-').Append(i).Append(".example\n");
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
    }
}
