using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

/// <summary>The tests that share one real PostgreSQL server (they run one after the other).</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL server";
}

/// <summary>The tests that share one real Redis server.</summary>
[CollectionDefinition(Name)]
public sealed class RedisCollection : ICollectionFixture<RedisServer>
{
    public const string Name = "Redis server";
}
