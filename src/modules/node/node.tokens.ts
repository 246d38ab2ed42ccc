import { Injectable } from '@nestjs/common';
import { DomainId } from '../../../libs/tenancy/domain-id';

type Checker = (domainId: DomainId, nodeId: string) => Promise<boolean>;

/**
 * Lets the node module ask "does this node still host game servers?" without depending on the
 * gameserver module (which depends on nodes). The gameserver module registers the real check.
 */
@Injectable()
export class GameServerPresence {
  private checker?: Checker;

  register(checker: Checker): void {
    this.checker = checker;
  }

  async nodeHasServers(domainId: DomainId, nodeId: string): Promise<boolean> {
    if (!this.checker) throw new Error('GameServerPresence has no checker registered');
    return this.checker(domainId, nodeId);
  }
}
