using PersonalizedLine.Grains.Estimates;
using PersonalizedLine.Grains.Interfaces.Chunks;
using PersonalizedLine.Grains.Interfaces.Jobs;
using PersonalizedLine.Grains.Prompts;
using PersonalizedLine.Grains.Chunks;

namespace PersonalizedLine.Tests.Estimates;

/// <summary>The hand-computed file estimates are checked against, and the prompt tokens its rows should add up to.</summary>
public static class EstimateFiles
{
    /// <summary>
    /// 7 rows, 4 distinct companies: "Acme Corp" appears three times, differing only in case and spacing (one padded,
    /// one with a double space), "Globex" twice; Initech and Umbrella once.
    /// </summary>
    public const string SevenRowsFourCompanies =
        "first_name,company\n" +
        "Ada,Acme Corp\n" +
        "Bob,acme  corp\n" +
        "Cy,Globex\n" +
        "Di,Initech\n" +
        "Ed,Globex\n" +
        "Flo,Umbrella\n" +
        "Gus,  ACME CORP  \n";

    public const int Rows = 7;
    public const int DistinctCompanies = 4;

    /// <summary>
    /// The prompt tokens of every row, built here with the product's renderer and prompt builder and its token
    /// heuristic: an estimate that measured all rows must report exactly this sum.
    /// </summary>
    public static long PromptTokensOfAllRows(string csv, string model, int summaryMaxChars)
    {
        var lines = csv.TrimEnd('\n').Split('\n');
        var headers = lines[0].Split(',');
        var renderer = new ChunkRowRenderer(new JobSpec("leads.csv", headers, ',', DefaultTemplates.ResearchQuery, DefaultTemplates.Prompt, model));
        long total = 0;
        for (var i = 1; i < lines.Length; i++)
        {
            var (request, failure) = renderer.Render("test", i - 1, new ChunkRow(i + 1, lines[i].Split(','), null));
            Assert.Null(failure);
            var prompt = LinePromptBuilder.Build(request!.Instructions, request.Lead, PromptTokens.ResearchStandIn(summaryMaxChars), model);
            total += PromptTokens.Of(prompt);
        }

        return total;
    }
}
