using System.Text.Json.Serialization;

namespace PersonalizedLine.Grains.Providers;

/// <summary>The parts of Serper's answer we condense; every part is optional on the wire.</summary>
public sealed record SerperSearchResponse
{
    [JsonPropertyName("knowledgeGraph")]
    public SerperKnowledgeGraph? KnowledgeGraph { get; init; }

    [JsonPropertyName("answerBox")]
    public SerperAnswerBox? AnswerBox { get; init; }

    [JsonPropertyName("organic")]
    public IReadOnlyList<SerperOrganicResult>? Organic { get; init; }

    [JsonPropertyName("credits")]
    public int? Credits { get; init; }
}
