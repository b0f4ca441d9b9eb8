package atlas.worklists;

import org.junit.jupiter.api.Test;
import java.nio.file.*;

class ScratchPrint {
    @Test
    void print() throws Exception {
        for (String f : new String[]{"geodata/lists/000_88eec6f24652ebc7.txt", "geodata/lists/001_30a6bebbb49a94f9.txt", "geodata/worklists/004_d54811d5deb4fa21.txt"}) {
            Path p = Path.of(f);
            for (WorkListReader.WorkList l : WorkListReader.read(p.getFileName().toString(), Files.readAllBytes(p), 0)) {
                long numbered = l.items().stream().filter(i -> i.part() == 1).count();
                System.out.println("LIST " + f.substring(f.lastIndexOf('/') + 1, f.lastIndexOf('/') + 4) + " " + l.table() + " | " + l.caption() + " | " + l.kind() + " " + l.year() + " items=" + l.items().size() + " numbered=" + numbered + " rejected=" + l.rejected().size());
                for (WorkListReader.Rejected r : l.rejected()) System.out.println("   REJ " + r);
                for (WorkItem i : l.items()) {
                    if (!i.warnings().isEmpty() && !l.kind().equals("project")) System.out.println("   W " + i.seq() + "/" + i.groupSeq() + "." + i.part() + " L" + i.firstLine() + " " + i.warnings() + " | " + i.deadline() + " | " + i.units());
                }
            }
        }
    }
}
