package im.auth;

import im.concurrent.Threads;
import im.throttle.RateByKey;
import im.throttle.ThrottleProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the account store, the password hasher and its thread pool from configuration. */
@Configuration(proxyBeanMethods = false)
class AuthConfiguration {

    @Bean
    @ConditionalOnProperty(name = "im.cluster.enabled", havingValue = "false", matchIfMissing = true)
    AccountStore accountStore(UsersFileProperties users) {
        return new UsersFileAccountStore(users.file());
    }

    @Bean
    PasswordHashing passwordHashing(AuthProperties auth) {
        int threads = auth.effectiveHashingThreads();
        return new PasswordHashing(auth.pbkdf2Iterations(), auth.hashOnIdleCpu()
                ? Threads.fixedIdlePriorityPool("im-hash-", threads) : Threads.fixedPool("im-hash-", threads));
    }

    @Bean
    @ConditionalOnProperty(name = "im.cluster.enabled", havingValue = "false", matchIfMissing = true)
    LoginThrottle loginThrottle(ThrottleProperties throttle) {
        return new LoginThrottle(throttle, System::nanoTime);
    }

    @Bean
    Accounts accounts(AccountStore store, PasswordHashing hashing, LoginThrottle loginThrottle,
            ThrottleProperties throttle, AuthProperties auth) {
        RateByKey registrations = new RateByKey(throttle.registrationsPerAddress(),
                throttle.registrationsPerAddress() / (throttle.registrationRefill().toNanos() / 1e9),
                throttle::isExempt, System::nanoTime);
        return new Accounts(store, hashing, loginThrottle, registrations, throttle, auth, Clock.systemUTC());
    }
}
