namespace PersonalizedLine.Grains.Interfaces.JobIndex;

/// <summary>
/// The list of one tenant's jobs, newest first. Keyed by the tenant (see <see cref="Tenants"/>). The job adds itself
/// when it is created and removes itself when it is discarded or deleted; both are idempotent, so a repeated call
/// (a retry after a silo failure) changes nothing.
/// </summary>
public interface IJobIndexGrain : IGrainWithStringKey
{
    /// <summary>Adds the job; a job already listed is left as it is.</summary>
    Task Add(JobIndexEntry entry);

    /// <summary>Removes the job; an unknown id is ignored.</summary>
    Task Remove(string jobId);

    /// <summary>Up to <paramref name="limit"/> jobs after skipping the <paramref name="offset"/> newest, newest first.</summary>
    Task<JobIndexPage> Page(int offset, int limit);
}
