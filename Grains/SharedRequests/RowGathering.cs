namespace PersonalizedLine.Grains.SharedRequests;

/// <summary>Rows of one job gathered in this silo for the next shared request; guarded by the batcher's lock.</summary>
internal sealed class RowGathering(string template, string model, int rowsPerRequest)
{
    public string Template { get; } = template;

    /// <summary>Characters of every request of this gathering apart from its rows (see <see cref="SharedPromptBuilder.FixedChars"/>).</summary>
    public int FixedChars { get; } = SharedPromptBuilder.FixedChars(template);

    public string Model { get; } = model;

    public int RowsPerRequest { get; } = rowsPerRequest;

    public List<WaitingRow> Rows { get; } = [];

    /// <summary>Characters of the rows' JSON, commas included.</summary>
    public int RowChars { get; private set; }

    /// <summary>Sends a partial request when its first row has waited long enough.</summary>
    public ITimer? Timer { get; set; }

    public void Add(WaitingRow row)
    {
        Rows.Add(row);
        RowChars += row.Entry.RowJson.Length + 1;
    }
}
