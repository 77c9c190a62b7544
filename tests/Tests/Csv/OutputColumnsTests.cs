using PersonalizedLine.Grains.Csv;

namespace PersonalizedLine.Tests.Csv;

public class OutputColumnsTests
{
    [Fact]
    public void GeneratedColumnsFollowTheInputHeaders()
    {
        Assert.Equal(
            ["name", "email", "personalized_line", "personalization_status", "personalization_error"],
            OutputColumns.For(["name", "email"]));
    }

    [Fact]
    public void ExistingGeneratedNameGetsANumericSuffixInsteadOfBeingOverwritten()
    {
        Assert.Equal(
            ["Personalized_Line", "personalized_line_2", "personalization_status", "personalization_error"],
            OutputColumns.For(["Personalized_Line"]));
    }

    [Fact]
    public void SuffixSkipsNamesThatAreAlsoTaken()
    {
        Assert.Equal(
            ["personalized_line", "personalized_line_2", "PERSONALIZATION_ERROR ",
             "personalized_line_3", "personalization_status", "personalization_error_2"],
            OutputColumns.For(["personalized_line", "personalized_line_2", "PERSONALIZATION_ERROR "]));
    }
}
