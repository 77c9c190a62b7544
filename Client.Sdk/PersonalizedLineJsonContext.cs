using System.Text.Json;
using System.Text.Json.Serialization;
using PersonalizedLine.Client.Sdk.Models;

namespace PersonalizedLine.Client.Sdk;

/// <summary>Source-generated JSON for every type the API answers with: no reflection, trimming-safe.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(JobProgress))]
[JsonSerializable(typeof(JobList))]
[JsonSerializable(typeof(JobEstimate))]
[JsonSerializable(typeof(JobRows))]
[JsonSerializable(typeof(ProblemDocument))]
public sealed partial class PersonalizedLineJsonContext : JsonSerializerContext;
