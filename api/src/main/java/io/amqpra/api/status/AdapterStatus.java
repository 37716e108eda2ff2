package io.amqpra.api.status;

import java.util.List;
import java.util.Optional;

/**
 * The adapter as it is now: whether it is live and ready, and each of its resources.
 *
 * @param live whether every event loop is turning; false while one has been stuck longer than
 *        the adapter's {@code stuckLoopThreshold}
 * @param stuck why it is not live, or {@code null}
 * @param resources its connection factories, listeners and consuming beans; unmodifiable
 */
public record AdapterStatus(boolean live, String stuck, List<ResourceStatus> resources) {

    /** Copies {@code resources}. */
    public AdapterStatus {
        resources = List.copyOf(resources);
    }

    /** Whether every resource is ready. */
    public boolean ready() {
        return resources.stream().allMatch(ResourceStatus::ready);
    }

    /** Why resources are not ready, one line each; empty when all are. */
    public List<String> problems() {
        return resources.stream().filter(r -> !r.ready())
                .map(r -> r.kind() + " " + r.name() + ": " + r.problem()).toList();
    }

    /** The resource of that kind and name, if the adapter has it. */
    public Optional<ResourceStatus> resource(ResourceStatus.Kind kind, String name) {
        return resources.stream().filter(r -> r.kind() == kind && r.name().equals(name)).findFirst();
    }
}
