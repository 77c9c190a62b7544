namespace PersonalizedLine.ProviderEmulator;

internal static class ProviderEmulatorPlaceholder;
