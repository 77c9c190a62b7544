namespace PersonalizedLine.Grains.Interfaces.Batches;

/// <summary>One request of a provider batch file: its <c>custom_id</c> and its chat request body, as JSON.</summary>
/// <param name="CustomId"><c>{job}/{row}</c>, or <c>{job}/{first row}-{last row}</c> for rows sharing the request.</param>
/// <param name="Body">The chat completion request, exactly as the online path would send it.</param>
[GenerateSerializer, Immutable, Alias("batch-request-line")]
public sealed record class BatchRequestLine(
    [property: Id(0)] string CustomId,
    [property: Id(1)] string Body);
