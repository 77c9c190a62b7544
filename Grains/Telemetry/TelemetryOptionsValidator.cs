using Microsoft.Extensions.Options;

namespace PersonalizedLine.Grains.Telemetry;

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options) =>
        options.RowTraceSampleRatio is >= 0 and <= 1 && !double.IsNaN(options.RowTraceSampleRatio)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Telemetry__RowTraceSampleRatio must be between 0 (no row traces) and 1 (every row) (got {options.RowTraceSampleRatio}); 0.01 traces one row in a hundred.");
}
