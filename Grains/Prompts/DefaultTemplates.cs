namespace PersonalizedLine.Grains.Prompts;

/// <summary>Templates used when a job does not bring its own.</summary>
/// <remarks>
/// Only {first_name} and {company} are required, so a typical messy CRM export works without editing. Optional
/// fields sit on their own labelled lines: when a column is absent the label stays and the value is blank, which
/// still reads fine to the model (a sentence like "to Jane () at Acme" would not).
/// </remarks>
public static class DefaultTemplates
{
    /// <summary>Research the company, not the person: company facts are public, cacheable and less sensitive.</summary>
    public const string ResearchQuery = "{company} {website?}";

    public const string Prompt =
        """
        Write the opening line of a cold email to {first_name} at {company}.
        Recipient's job title (may be blank): {title?}
        Company website (may be blank): {website?}
        Industry (may be blank): {industry?}

        The line must:
        - mention one specific, concrete thing about {company} taken from the research notes (a product, a recent announcement, a customer, a milestone), not generic praise;
        - sound natural, like a peer writing, not a marketer;
        - be a single sentence of under 30 words;
        - not be a greeting on its own (the greeting is added separately);
        - contain no placeholders, brackets, quotation marks, emojis or hashtags.
        If the research notes have nothing specific, write about what {company} does, and never invent facts.
        """;
}
