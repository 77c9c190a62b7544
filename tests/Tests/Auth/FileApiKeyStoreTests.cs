using PersonalizedLine.Silo.Auth;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Auth;

public sealed class FileApiKeyStoreTests : ApiKeyStoreContract, IDisposable
{
    private readonly string _directory = ServerProcess.CreateTempDirectory("plkeys");

    public FileApiKeyStoreTests() => Store = new FileApiKeyStore(Path.Combine(_directory, "nested", "api-keys.json"));

    protected override IApiKeyStore Store { get; }

    protected override Task<string> RawContentsAsync() => File.ReadAllTextAsync(((FileApiKeyStore)Store).Path);

    [Fact]
    public async Task TheFileIsReadableByItsOwnerOnlyAndWritersDoNotLoseEachOthersKeys()
    {
        var issuer = new ApiKeyIssuer(Store, TimeProvider.System);

        var created = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => issuer.CreateAsync($"tenant-{i}", false, null, default)));

        Assert.Equal(created.Select(c => c.Record.Id).Order(), (await Store.ListAsync(default)).Select(k => k.Id).Order());
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(((FileApiKeyStore)Store).Path));
        }
    }

    [Fact]
    public async Task NoFileMeansNoKeys() =>
        Assert.Empty(await new FileApiKeyStore(Path.Combine(_directory, "absent.json")).ListAsync(default));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
