namespace PersonalizedLine.Grains.Interfaces.Batches;

/// <summary>
/// Answers of a provider batch for one chunk's rows. Deliveries are idempotent (a row takes its first final result), so
/// a batch read again after a restart changes nothing. The <see cref="Final"/> delivery of a batch settles the rows it
/// carried that got no line.
/// </summary>
/// <param name="Answers">Answers for requests of this chunk, in any order.</param>
/// <param name="Final">True once every answer of the batch has been delivered.</param>
/// <param name="Unanswered">On the final delivery, what becomes of rows still without a line.</param>
/// <param name="Reason">Why rows went unanswered (e.g. "the provider batch expired"), for rows failed with no error of their own.</param>
[GenerateSerializer, Immutable, Alias("batch-delivery")]
public sealed record class BatchDelivery(
    [property: Id(0)] IReadOnlyList<BatchAnswer> Answers,
    [property: Id(1)] bool Final,
    [property: Id(2)] UnansweredRows Unanswered,
    [property: Id(3)] string Reason);
