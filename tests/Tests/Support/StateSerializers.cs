using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;
using PersonalizedLine.Grains.Jobs;

namespace PersonalizedLine.Tests.Support;

/// <summary>The two grain-state serializers the storage providers use, built outside a silo for tests of stored payloads.</summary>
internal static class StateSerializers
{
    /// <summary>Orleans' binary form, knowing the product's state types and the tests' own.</summary>
    public static readonly IGrainStorageSerializer Binary = new OrleansGrainStorageSerializer(
        new ServiceCollection()
            .AddSerializer(serializer => serializer.AddAssembly(typeof(JobState).Assembly).AddAssembly(typeof(StateSerializers).Assembly))
            .BuildServiceProvider().GetRequiredService<Serializer>());

    /// <summary>Orleans' default JSON (Newtonsoft, with type names): what earlier versions wrote.</summary>
    public static readonly IGrainStorageSerializer Json = new JsonGrainStorageSerializer(new OrleansJsonSerializer(
        Microsoft.Extensions.Options.Options.Create(new OrleansJsonSerializerOptions())));
}
