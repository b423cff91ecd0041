package org.sipladder.cli;

import java.util.ArrayList;
import java.util.List;
import org.sipladder.flow.HopAliases;
import picocli.CommandLine.Option;

/** {@code --alias ADDRESS=NAME}, shared (as a picocli mixin) by the commands that show hops by name. */
final class AliasOption {

    @Option(names = "--alias", paramLabel = "ADDRESS=NAME",
            description = "show the host at ADDRESS as NAME instead of its role and address (repeatable)")
    private List<String> specs = new ArrayList<>();

    /** The mixin as picocli fills it for these {@code --alias} values. */
    static AliasOption of(List<String> specs) {
        AliasOption option = new AliasOption();
        option.specs = new ArrayList<>(specs);
        return option;
    }

    HopAliases aliases() throws UserError {
        try {
            return HopAliases.parse(specs);
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
