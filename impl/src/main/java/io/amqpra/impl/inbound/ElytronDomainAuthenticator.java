package io.amqpra.impl.inbound;

import static io.amqpra.impl.log.AmqpMessages.MESSAGES;

import io.amqpra.api.AmqpAuthenticator;
import io.amqpra.impl.log.AmqpLogger;
import jakarta.resource.spi.InvalidPropertyException;
import org.jboss.msc.service.ServiceController;
import org.jboss.msc.service.ServiceName;
import org.jboss.msc.service.ServiceRegistry;
import org.wildfly.security.auth.server.RealmUnavailableException;
import org.wildfly.security.auth.server.SecurityDomain;
import org.wildfly.security.auth.server.ServerAuthenticationContext;
import org.wildfly.security.evidence.PasswordGuessEvidence;

/**
 * Checks PLAIN credentials against a WildFly Elytron security domain, found by name among the
 * server's services. Loaded only when an activation names a {@code securityDomain}, so the
 * adapter needs no Elytron elsewhere.
 */
final class ElytronDomainAuthenticator implements AmqpAuthenticator {

    private static final AmqpLogger LOG = AmqpLogger.of(ElytronDomainAuthenticator.class);
    private static final String CAPABILITY = "org.wildfly.security.security-domain.";

    private final String name;
    private final SecurityDomain domain;

    private ElytronDomainAuthenticator(String name, SecurityDomain domain) {
        this.name = name;
        this.domain = domain;
    }

    /** Finds the domain now, so that a wrong name fails the activation. */
    static ElytronDomainAuthenticator lookup(String name) throws InvalidPropertyException {
        try {
            ServiceRegistry registry = serviceContainer();
            ServiceController<?> controller = registry == null ? null
                    : registry.getService(ServiceName.parse(CAPABILITY + name));
            Object value = controller == null ? null : controller.getValue();
            if (value instanceof SecurityDomain domain) {
                return new ElytronDomainAuthenticator(name, domain);
            }
            throw MESSAGES.invalidSecurityDomain(name, "the server has no Elytron security domain of that name");
        } catch (ReflectiveOperationException | LinkageError | IllegalStateException e) {
            throw MESSAGES.invalidSecurityDomain(name, "Elytron security domains can't be reached here (" + e + ")");
        }
    }

    /**
     * The server's service container. Reached through jboss-modules at the moment a domain is
     * named, so that the rar does not depend on the server's private module (and WildFly does not
     * warn about it on every deployment).
     */
    private static ServiceRegistry serviceContainer() throws ReflectiveOperationException {
        Class<?> moduleType = Class.forName("org.jboss.modules.Module");
        Object bootLoader = moduleType.getMethod("getBootModuleLoader").invoke(null);
        Object serverModule = bootLoader.getClass().getMethod("loadModule", String.class)
                .invoke(bootLoader, "org.jboss.as.server");
        ClassLoader serverLoader = (ClassLoader) serverModule.getClass().getMethod("getClassLoader").invoke(serverModule);
        return (ServiceRegistry) serverLoader.loadClass("org.jboss.as.server.CurrentServiceContainer")
                .getMethod("getServiceContainer").invoke(null);
    }

    @Override
    public boolean authenticate(String username, char[] password, String remoteAddress) {
        ServerAuthenticationContext context = domain.createNewAuthenticationContext();
        try {
            context.setAuthenticationName(username);
            return context.verifyEvidence(new PasswordGuessEvidence(password.clone())) && context.authorize();
        } catch (RealmUnavailableException | IllegalStateException e) {
            LOG.securityDomainCheckFailed(name, username, e.getMessage());
            return false;
        }
    }
}
