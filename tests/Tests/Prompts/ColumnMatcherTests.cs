using PersonalizedLine.Grains.Prompts;

namespace PersonalizedLine.Tests.Prompts;

public sealed class ColumnMatcherTests
{
    [Theory]
    [InlineData("First Name")]
    [InlineData("first_name")]
    [InlineData("FIRSTNAME")]
    [InlineData("first-name")]
    [InlineData(" First  Name ")]
    [InlineData("\uFEFFfirst_name")]
    public void Header_matching_ignores_case_spaces_hyphens_and_underscores(string header)
    {
        Assert.Equal(1, ColumnMatcher.FindColumn("first_name", ["Email", header]));
    }

    [Theory]
    [InlineData("first_name", "First")]
    [InlineData("first_name", "Given Name")]
    [InlineData("first_name", "Forename")]
    [InlineData("last_name", "Last")]
    [InlineData("last_name", "Surname")]
    [InlineData("last_name", "Family Name")]
    [InlineData("full_name", "Name")]
    [InlineData("full_name", "Contact Name")]
    [InlineData("name", "Full Name")]
    [InlineData("name", "Contact Name")]
    [InlineData("company", "Company Name")]
    [InlineData("company", "Organization")]
    [InlineData("company", "Organisation")]
    [InlineData("company", "Account")]
    [InlineData("company", "Account Name")]
    [InlineData("company", "Employer")]
    [InlineData("company", "Business")]
    [InlineData("website", "Website URL")]
    [InlineData("website", "URL")]
    [InlineData("website", "Web Site")]
    [InlineData("website", "Site")]
    [InlineData("website", "Domain")]
    [InlineData("website", "Homepage")]
    [InlineData("website", "Company Website")]
    [InlineData("title", "Job Title")]
    [InlineData("title", "Position")]
    [InlineData("title", "Role")]
    [InlineData("title", "Job")]
    [InlineData("email", "Email Address")]
    [InlineData("email", "E-mail")]
    [InlineData("email", "Work Email")]
    [InlineData("industry", "Sector")]
    [InlineData("industry", "Vertical")]
    [InlineData("city", "City")]
    [InlineData("country", "Country")]
    [InlineData("linkedin", "LinkedIn URL")]
    [InlineData("linkedin", "LinkedIn Profile")]
    public void Each_alias_finds_its_column(string placeholder, string header)
    {
        Assert.Equal(1, ColumnMatcher.FindColumn(placeholder, ["Notes", header, "Other"]));
    }

    [Theory]
    [InlineData("company_name", "Company")]
    [InlineData("job_title", "Title")]
    [InlineData("surname", "Last Name")]
    public void An_alias_used_as_placeholder_finds_the_canonical_column(string placeholder, string header)
    {
        Assert.Equal(0, ColumnMatcher.FindColumn(placeholder, [header]));
    }

    [Fact]
    public void An_exact_match_wins_over_an_alias_that_comes_first()
    {
        Assert.Equal(1, ColumnMatcher.FindColumn("name", ["Full Name", "Name"]));
        Assert.Equal(2, ColumnMatcher.FindColumn("company", ["Account", "Company Name", "COMPANY"]));
    }

    [Fact]
    public void Between_two_aliases_the_one_listed_first_in_the_table_wins()
    {
        Assert.Equal(1, ColumnMatcher.FindColumn("company", ["Account", "Company Name"]));
    }

    [Fact]
    public void An_unknown_column_is_not_found()
    {
        Assert.Null(ColumnMatcher.FindColumn("job_title", ["First Name", "Company", "Website"]));
        Assert.Null(ColumnMatcher.FindColumn("favourite_color", []));
    }

    [Fact]
    public void Aliases_of_different_fields_do_not_cross()
    {
        Assert.Null(ColumnMatcher.FindColumn("name", ["Company Name"]));
        Assert.Null(ColumnMatcher.FindColumn("first_name", ["Last Name"]));
    }

    [Fact]
    public void Every_alias_belongs_to_exactly_one_group()
    {
        // Building the index throws on duplicates; looking any name up forces it.
        Assert.NotNull(ColumnAliases.FindGroup("first_name"));
        Assert.Equal(11, ColumnAliases.Groups.Count);
    }
}
