package com.fleetprovisioner.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import com.fleetprovisioner.fleetfreedom.Listings.Company;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompanyTreeTest {

    private static List<String> shown(long own, List<Company> flat) {
        return CompanyTree.ordered(own, flat).stream().map(c -> c.depth() + ":" + c.id() + ":" + c.name()).toList();
    }

    @Test
    void eachCompanyIsFollowedByItsChildrenSiblingsByName() {
        assertThat(shown(42, List.of(new Company(44, "West", 42L), new Company(42, "Demo Fleet", null),
                new Company(43, "East", 42L), new Company(45, "East depot", 43L), new Company(46, "depot a", 43L))))
                .containsExactly("0:42:Demo Fleet", "1:43:East", "2:46:depot a", "2:45:East depot", "1:44:West");
    }

    @Test
    void orphansHangUnderTheAccountAndItsOwnCompanyIsAlwaysThere() {
        assertThat(shown(42, List.of(new Company(50, "Orphan", 999L), new Company(51, null, null))))
                .containsExactly("0:42:", "1:51:", "1:50:Orphan");
    }

    @Test
    void aLoopOfParentsOrACompanyThatIsItsOwnParentListsEachCompanyOnce() {
        assertThat(shown(1, List.of(new Company(1, "Root", null), new Company(2, "A", 3L), new Company(3, "B", 2L),
                new Company(4, "Self", 4L), new Company(4, "Self again", 1L))))
                .containsExactly("0:1:Root", "1:4:Self", "1:2:A", "2:3:B");
    }

    @Test
    void aDeepChainIsIndentedAtMostToTheCap() {
        List<Company> chain = new ArrayList<>(List.of(new Company(1, "Root", null)));
        for (long id = 2; id <= 40; id++) {
            chain.add(new Company(id, "Level " + id, id - 1));
        }
        List<FleetFreedomDirectory.Company> ordered = CompanyTree.ordered(1, chain);
        assertThat(ordered).hasSize(40);
        assertThat(ordered.get(39).depth()).isEqualTo(CompanyTree.MAX_DEPTH);
        assertThat(ordered.stream().map(FleetFreedomDirectory.Company::id)).doesNotHaveDuplicates();
    }
}
