using System.Diagnostics.Metrics;

namespace PersonalizedLine.Grains.Telemetry;

/// <summary>Bytes of uploaded lead files read and of result files written to downloaders.</summary>
public static class TransferMetrics
{
    private static readonly Counter<long> Uploaded = ProductTelemetry.Meter.CreateCounter<long>(
        "personalizedline.upload.bytes", unit: "By", description: "Bytes of lead files read from uploads.");

    private static readonly Counter<long> Downloaded = ProductTelemetry.Meter.CreateCounter<long>(
        "personalizedline.download.bytes", unit: "By", description: "Bytes of result files written to downloads.");

    public static void AddUploaded(long bytes) => Uploaded.Add(bytes);

    public static void AddDownloaded(long bytes) => Downloaded.Add(bytes);
}
