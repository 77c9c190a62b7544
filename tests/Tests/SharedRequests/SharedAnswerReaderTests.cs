using PersonalizedLine.Grains.SharedRequests;

namespace PersonalizedLine.Tests.SharedRequests;

/// <summary>Lines are tied to rows by id only; anything doubtful sends the rows it touches back alone.</summary>
public sealed class SharedAnswerReaderTests
{
    private static readonly SharedRowIdentity[] Rows =
    [
        new("10", "Acme Robotics"),
        new("11", "Globex"),
        new("12", "Initech"),
    ];

    [Fact]
    public void Lines_are_matched_by_id_whatever_their_order()
    {
        const string answer = """
            {"lines":[{"id":"12","line":"Initech ships reports."},{"id":"10","line":"Acme Robotics builds arms."},{"id":"11","line":"Globex grows."}]}
            """;

        var lines = SharedAnswerReader.Read(answer, "stop", Rows);

        Assert.Equal(["Acme Robotics builds arms.", "Globex grows.", "Initech ships reports."], lines.Select(l => l.Line));
        Assert.All(lines, l => Assert.Null(l.SendAloneReason));
    }

    [Fact]
    public void A_missing_id_sends_only_that_row_alone()
    {
        const string answer = """{"lines":[{"id":"10","line":"Acme Robotics builds arms."},{"id":"11","line":"Globex grows."}]}""";

        var lines = SharedAnswerReader.Read(answer, "stop", Rows);

        Assert.Equal("Acme Robotics builds arms.", lines[0].Line);
        Assert.Equal("Globex grows.", lines[1].Line);
        Assert.Null(lines[2].Line);
        Assert.Contains("no line for this row", lines[2].SendAloneReason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_duplicated_id_sends_that_row_alone()
    {
        const string answer = """
            {"lines":[{"id":"10","line":"Acme Robotics builds arms."},{"id":"10","line":"Acme Robotics again."},{"id":"11","line":"Globex grows."},{"id":"12","line":"Initech ships."}]}
            """;

        var lines = SharedAnswerReader.Read(answer, "stop", Rows);

        Assert.Null(lines[0].Line);
        Assert.Contains("more than one line", lines[0].SendAloneReason, StringComparison.Ordinal);
        Assert.Equal("Globex grows.", lines[1].Line);
        Assert.Equal("Initech ships.", lines[2].Line);
    }

    [Fact]
    public void Swapped_ids_are_caught_by_the_company_each_line_names()
    {
        const string answer = """
            {"lines":[{"id":"10","line":"Globex grows fast."},{"id":"11","line":"Acme Robotics builds arms."},{"id":"12","line":"Initech ships."}]}
            """;

        var lines = SharedAnswerReader.Read(answer, "stop", Rows);

        Assert.Null(lines[0].Line);
        Assert.Contains("Globex", lines[0].SendAloneReason, StringComparison.Ordinal);
        Assert.Null(lines[1].Line);
        Assert.Contains("Acme Robotics", lines[1].SendAloneReason, StringComparison.Ordinal);
        Assert.Equal("Initech ships.", lines[2].Line);
    }

    [Fact]
    public void Unknown_ids_are_ignored()
    {
        const string answer = """
            {"lines":[{"id":"10","line":"Acme Robotics builds arms."},{"id":"11","line":"Globex grows."},{"id":"12","line":"Initech ships."},{"id":"999999","line":"Who?"}]}
            """;

        var lines = SharedAnswerReader.Read(answer, "stop", Rows);

        Assert.Equal(["Acme Robotics builds arms.", "Globex grows.", "Initech ships."], lines.Select(l => l.Line));
    }

    [Theory]
    [InlineData("Sure! Here are your lines: 1. Acme Robotics builds arms.", "stop", "not the JSON asked for")]
    [InlineData("""{"lines":[{"id":"10","line":"Acme Robotics bui""", "length", "cut off")]
    [InlineData("""{"lines":[{"id":"10","line":"Acme Robotics builds arms."}]}""", "length", "cut off")]
    [InlineData("""{"answers":[]}""", "stop", "not the JSON asked for")]
    [InlineData("""[{"id":"10","line":"Acme Robotics builds arms."}]""", "stop", "not the JSON asked for")]
    public void A_broken_or_truncated_answer_sends_every_row_alone(string answer, string finishReason, string reason)
    {
        var lines = SharedAnswerReader.Read(answer, finishReason, Rows);

        Assert.Equal(3, lines.Count);
        Assert.All(lines, l =>
        {
            Assert.Null(l.Line);
            Assert.Contains(reason, l.SendAloneReason, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void Numeric_ids_and_code_fences_are_tolerated()
    {
        const string answer = "```json\n{\"lines\":[{\"id\":10,\"line\":\"Acme Robotics builds arms.\"},{\"id\":\"11\",\"line\":\"Globex grows.\"},{\"id\":12,\"line\":\"Initech ships.\"}]}\n```";

        var lines = SharedAnswerReader.Read(answer, "stop", Rows);

        Assert.Equal(["Acme Robotics builds arms.", "Globex grows.", "Initech ships."], lines.Select(l => l.Line));
    }

    [Fact]
    public void A_company_inside_another_rows_name_or_word_is_not_a_mention()
    {
        SharedRowIdentity[] rows = [new("1", "Acme"), new("2", "Acme Robotics"), new("3", "Apple")];
        const string answer = """
            {"lines":[{"id":"1","line":"Acme makes anvils."},{"id":"2","line":"Acme Robotics builds arms."},{"id":"3","line":"Your Applesauce line is great."}]}
            """;

        var lines = SharedAnswerReader.Read(answer, "stop", rows);

        Assert.All(lines, l => Assert.NotNull(l.Line));
    }

    [Fact]
    public void Swapped_lines_of_companies_whose_names_share_a_prefix_are_caught()
    {
        SharedRowIdentity[] rows = [new("3", "NorthwindCo3"), new("32", "NorthwindCo32"), new("5", "Initech")];
        const string answer = """
            {"lines":[{"id":"3","line":"Hi Lead32, I saw what NorthwindCo32 is up to."},{"id":"32","line":"Hi Lead3, I saw what NorthwindCo3 is up to."},{"id":"5","line":"Initech ships."}]}
            """;

        var lines = SharedAnswerReader.Read(answer, "stop", rows);

        Assert.Null(lines[0].Line);
        Assert.Contains("NorthwindCo32", lines[0].SendAloneReason, StringComparison.Ordinal);
        Assert.Null(lines[1].Line);
        Assert.Contains("NorthwindCo3", lines[1].SendAloneReason, StringComparison.Ordinal);
        Assert.Equal("Initech ships.", lines[2].Line);
    }
}
