from mkelf import *
import struct
sym=b'\0'*24+struct.pack('<IBBHQQ',1,3,0,1,0,0)
# reloc before target
write('ord_rela_first.o',[Sec('.rela.text',4,0x40,data=b'\0'*24,link=4,info=3,entsize=24,align=8),Sec('.data',1,A|W,data=b'd'),Sec('.text',1,A|X,data=b'\x90'*16),Sec('.symtab',2,0,data=sym,link=5,info=2,entsize=24,align=8),Sec('.strtab',3,0,data=b'\0x\0')])
# dynstr before dynsym in a DSO; .dynamic and .gnu.version_d link to dynstr, located before .dynstr? 
write('ord_dynstr_first.so',[Sec('.aaa',1,A,data=b'a'),Sec('.dynstr',3,A,data=b'\0x\0'),Sec('.bbb',1,A,data=b'b'),Sec('.gnu.version_d',0x6ffffffd,A,data=b'',link=2),Sec('.dynsym',11,A,data=sym,link=2,info=1,entsize=24,align=8),Sec('.dynamic',6,A|W,data=b'\0'*16,link=2,entsize=16,align=8)],etype=3)
# symtab alloc in DSO
write('symtab_alloc.so',[Sec('.text',1,A|X,data=b'\x90'*16),Sec('.symtab',2,A,data=sym,link=3,info=1,entsize=24,align=8),Sec('.strtab',3,A,data=b'\0x\0')],etype=3)
write('symtab_alloc.o',[Sec('.text',1,A|X,data=b'\x90'*16),Sec('.symtab',2,A,data=sym,link=3,info=1,entsize=24,align=8),Sec('.strtab',3,A,data=b'\0x\0')],etype=1)
# debug reloc shown
write('rela_debug_shown.o',[Sec('.debug_info',1,0,data=b'\0'*8),Sec('.rela.debug_info',4,0,data=b'\0'*24,link=0,info=1,entsize=24,align=8),Sec('.rel.debug_info',9,0,data=b'\0'*16,link=0,info=1,entsize=16,align=8)])
# secondary REL
write('rel_secondary.o',[Sec('.text',1,A|X,data=b'\x90'*16),Sec('.symtab',2,0,data=sym,link=3,info=2,entsize=24,align=8),Sec('.strtab',3,0,data=b'\0x\0'),Sec('.rel.a',9,0,data=b'\0'*16,link=2,info=1,entsize=16),Sec('.rel.b',9,0,data=b'\0'*16,link=2,info=1,entsize=16)])
# secondary RELA, debug target
write('rela_secondary_dbg.o',[Sec('.debug_x',1,0,data=b'\0'*16),Sec('.symtab',2,0,data=sym,link=3,info=2,entsize=24,align=8),Sec('.strtab',3,0,data=b'\0x\0'),Sec('.rela.a',4,0,data=b'\0'*24,link=2,info=1,entsize=24),Sec('.rela.b',4,0,data=b'\0'*24,link=2,info=1,entsize=24)])
