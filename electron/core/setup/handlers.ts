import type { HandlersOf } from '../dispatch'
import type { KioskSetup } from './setup-service'

/** `setup.*`: the first-start screen's calls (docs/fleet.md#provisioning). */
export function setupHandlers(setup: KioskSetup): HandlersOf<'setup'> {
  return {
    'setup.provision': (req) => setup.provision(req),
    'setup.useDemo': () => setup.useDemo(),
  }
}
