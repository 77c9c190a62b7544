using PersonalizedLine.Silo.Storage;
using PersonalizedLine.Tests.Support;

namespace PersonalizedLine.Tests.Storage;

public sealed class StorageOptionsValidatorTests
{
    private readonly StorageOptionsValidator _validator = new();

    [Fact]
    public void A_missing_data_directory_is_created()
    {
        using var parent = new TempDataDirectory();
        var path = Path.Combine(parent.Path, "nested", "data");

        var result = _validator.Validate(null, new StorageOptions { Path = path });

        Assert.True(result.Succeeded, result.FailureMessage);
        Assert.True(Directory.Exists(path));
        Assert.Empty(Directory.EnumerateFileSystemEntries(path));
    }

    [Fact]
    public void A_path_that_cannot_be_a_directory_is_refused_with_the_setting_named()
    {
        using var parent = new TempDataDirectory();
        var file = Path.Combine(parent.Path, "a-file");
        File.WriteAllText(file, "not a directory");

        var result = _validator.Validate(null, new StorageOptions { Path = Path.Combine(file, "data") });

        Assert.True(result.Failed);
        Assert.Contains("Storage__Path", result.FailureMessage);
        Assert.Contains(file, result.FailureMessage);
        Assert.Contains("Storage__Mode=Memory", result.FailureMessage);
    }

    [Fact]
    public void Memory_mode_does_not_touch_the_path()
    {
        using var parent = new TempDataDirectory();
        var file = Path.Combine(parent.Path, "a-file");
        File.WriteAllText(file, "not a directory");

        Assert.True(_validator.Validate(null, new StorageOptions { Mode = StorageMode.Memory, Path = Path.Combine(file, "data") }).Succeeded);
    }

    [Fact]
    public void The_default_directory_is_under_local_application_data()
    {
        var local = Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify);

        Assert.Equal(Path.Combine(local, StorageOptions.DefaultFolderName), new StorageOptions().EffectivePath);
        Assert.Equal(StorageMode.Disk, new StorageOptions().Mode);
    }
}
