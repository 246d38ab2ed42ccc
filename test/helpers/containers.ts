import Docker from 'dockerode';

/** Removes every container Outpost made for `domainId` (test clean-up; the label is set on each game container). */
export async function removeDomainContainers(domainId: string, docker = new Docker()): Promise<void> {
  const list = await docker.listContainers({ all: true, filters: { label: [`outpost.domain-id=${domainId}`] } });
  for (const c of list)
    await docker
      .getContainer(c.Id)
      .remove({ force: true })
      .catch(() => undefined);
}
