namespace PersonalizedLine.Tests.Auth;

[CollectionDefinition(Name)]
public sealed class AuthApiCollection : ICollectionFixture<AuthApiFixture>
{
    public const string Name = "API with API keys";
}
