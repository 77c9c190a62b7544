namespace PersonalizedLine.Silo.Hosting;

/// <summary>How the processes of a deployment find each other and where state lives (<c>Cluster__Mode</c>).</summary>
public enum ClusterMode
{
    /// <summary>One process hosts everything: localhost clustering, in-memory storage. The zero set-up default.</summary>
    Embedded = 0,

    /// <summary>Separate silo and API processes on one machine, on fixed loopback ports; in-memory storage.</summary>
    Localhost = 1,

    /// <summary>
    /// The production profile: Redis membership (<c>ConnectionStrings__Redis</c>), grain state and reminders in
    /// PostgreSQL (<c>ConnectionStrings__Postgres</c>). Silos may run anywhere, die and come back.
    /// </summary>
    Distributed = 2,
}
